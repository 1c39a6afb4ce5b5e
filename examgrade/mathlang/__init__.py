"""The math language students write in: grammar, parser, evaluator."""
