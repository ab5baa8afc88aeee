# issue 11: the grouped finding in JSON (pymode-report/3) keeps every member whole: its
# module, message, places and chain, and every place in "locations"; count says how many
args: audit --format json $CORPUS/numpy-1.24.2-cp311-cp311-linux_x86_64.whl
exit: 0
json: d["schema"] == "pymode-report/3"
json: [(f["kind"], f["count"], len(f["members"])) for f in d["packages"][0]["findings"] if f["severity"] == "variant"] == [("native-extension", 19, 19)]
json: [f for f in d["packages"][0]["findings"] if f["kind"] == "native-extension"][0]["message"].startswith("19 native extensions need the numpy variant: numpy.core._multiarray_umath, numpy.fft._pocketfft_internal, numpy.linalg._umath_linalg, ... (+16)")
json: (lambda f: f["module"] == "numpy.core._multiarray_umath" and len(f["locations"]) == 19 and sorted(m["module"] for m in f["members"]) == sorted(set(m["module"] for m in f["members"])) and all(m["locations"] and m["message"].startswith("native extension") for m in f["members"]))([f for f in d["packages"][0]["findings"] if f["kind"] == "native-extension"][0])
json: [(w["from"], w["to"]) for f in d["packages"][0]["findings"] if f["kind"] == "native-extension" for m in f["members"] if m["module"] == "numpy.fft._pocketfft_internal" for w in m["why"]] == [("numpy", "numpy.fft"), ("numpy.fft", "numpy.fft._pocketfft"), ("numpy.fft._pocketfft", "numpy.fft._pocketfft_internal")]
json: [f["remedy"]["text"] for f in d["packages"][0]["findings"] if f["kind"] == "native-extension"][0].count("2.4.2") == 1
json: all(f["count"] == 1 and f["members"] == [] for f in d["packages"][0]["findings"] if f["kind"] != "native-extension")
