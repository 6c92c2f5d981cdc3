from knowledge_mgmt.computed import start_digital_exclusion_recompute
from knowledge_mgmt.management.recompute import RecomputeCommand


class Command(RecomputeCommand):
    help = (
        "Recompute the indicator digital-exclusion-estimate (residents who cannot use digital services) from "
        "the figures the digital services area publishes, as the same job as the button on the import page; "
        "run it after the age structure or the offline rates change. Prints the job and its report."
    )
    start = staticmethod(start_digital_exclusion_recompute)
