# Stand-in for PyMode's pymode.workflows, used ONLY by `pymode-bundle --verify`
# outside PyMode's runtime. It follows the public API of PyMode's
# lib/pymode/workflows.py: Workflow(name) with a @workflow.step decorator
# (bare, or with retries=, backoff=, timeout=), steps run in declaration
# order with a StepContext (workflow_id, input, results, env), run() giving
# a WorkflowResult (to_dict()). Not covered: durable journaling across
# requests (the journal is kept in memory for one run), real backoff sleeps,
# timeouts.

__all__ = ["Workflow", "StepConfig", "StepContext", "WorkflowResult"]


class StepConfig:
    def __init__(self, name, fn, retries=0, backoff=1.0, timeout=None):
        self.name = name
        self.fn = fn
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout


class StepContext:
    def __init__(self, workflow_id, input_data, results, env):
        self.workflow_id = workflow_id
        self.input = input_data
        self.results = results
        self.env = env


class WorkflowResult:
    def __init__(self, workflow_id, status, results, error=None):
        self.workflow_id = workflow_id
        self.status = status
        self.results = results
        self.error = error

    def to_dict(self):
        d = {"workflow_id": self.workflow_id, "status": self.status, "results": self.results}
        if self.error is not None:
            d["error"] = self.error
        return d


class Workflow:
    def __init__(self, name):
        self.name = name
        self.steps = []

    def step(self, fn=None, *, retries=0, backoff=1.0, timeout=None):
        def decorator(f):
            self.steps.append(StepConfig(f.__name__, f, retries, backoff, timeout))
            return f
        return decorator(fn) if fn is not None else decorator

    def run(self, workflow_id, input_data, env, journal=None):
        results = dict(journal or {})
        for st in self.steps:
            if st.name in results:
                continue
            for attempt in range(st.retries + 1):
                try:
                    results[st.name] = st.fn(StepContext(workflow_id, input_data, results, env))
                    break
                except Exception as e:  # the step's failure is the run's result
                    if attempt == st.retries:
                        return WorkflowResult(workflow_id, "failed", results, "%s: %s" % (st.name, e))
        return WorkflowResult(workflow_id, "completed", results)
