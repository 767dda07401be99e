.PHONY: setup demo test eval
setup:
	bash scripts/setup.sh
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
eval: setup
	.venv/bin/claim-intake eval sample_docs
