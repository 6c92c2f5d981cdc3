from knowledge_mgmt.computed import start_structured_documentation_recompute
from knowledge_mgmt.management.recompute import RecomputeCommand


class Command(RecomputeCommand):
    help = (
        "Recompute the indicator structured-documentation-share (share of entries documented in structured "
        "form) from the figures the integration area publishes, as the same job as the button on the import "
        "page; run it after the nightly documentation figures change. Prints the job and its report."
    )
    start = staticmethod(start_structured_documentation_recompute)
