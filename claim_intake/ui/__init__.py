"""The caseworker's triage page (`claim-intake ui OUT`): see `claim_intake.ui.app`."""
