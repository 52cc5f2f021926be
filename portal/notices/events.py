"""stub"""


def setup(app) -> None:
    pass
