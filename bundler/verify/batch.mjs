// batch.mjs: --batch FILE, shared by verify_pyodide.mjs and verify_wasi.mjs.
// The file holds one job a line (a JSON array: the arguments of one run);
// the answers go to stdout one a line, in the file's order, each what the
// run alone prints. See README.md here.
import fs from "node:fs";
import process from "node:process";

// the jobs of FILE: prefix goes before each job's arguments, parse reads
// them (throwing on a bad one), refuse(ja) names what a job may not ask
// for (or null). A line that is no array of strings ends the run (die: exit
// 3); a job whose arguments do not parse gets its answer at once, error
// type "UsageError". Returns { out: the answers so far by line, jobs: [{ n:
// its line's index, argv, a: its parsed arguments }] }.
export function readBatch(file, prefix, parse, refuse, die) {
	let lines;
	try {
		lines = fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim());
	} catch (e) {
		die(`--batch ${file}: ${e.message}`);
	}
	const out = new Array(lines.length).fill(null), jobs = [];
	lines.forEach((l, n) => {
		let argv;
		try {
			argv = JSON.parse(l);
			if (!Array.isArray(argv) || !argv.every((x) => typeof x === "string")) throw new Error("not an array of strings");
		} catch (e) {
			die(`${file}:${n + 1}: ${e.message}`);
		}
		try {
			argv = [...prefix, ...argv];
			const ja = parse(argv);
			const why = refuse(ja);
			if (why) throw new Error(why);
			jobs.push({ n, argv, a: ja });
		} catch (e) {
			out[n] = { ok: false, error: { type: "UsageError", module: null, message: e.message, traceback: "" },
				result: null, loaded: [], outside: [] };
		}
	});
	return { out, jobs };
}

// writes out's answers to stdout in order, each as soon as it and every one
// before it are there; call it after each answer lands in out
export function inOrder(out) {
	let shown = 0;
	return () => {
		while (shown < out.length && out[shown]) process.stdout.write(JSON.stringify(out[shown++]) + "\n");
	};
}
