"""The verdict scale: configurable per workspace, every verdict with a definition."""

from dataclasses import dataclass

UNVERIFIED = "unverified"


@dataclass(frozen=True, slots=True)
class VerdictOption:
    key: str  # short, stable, used on the command line
    label: str
    colour: str  # "#rrggbb", used for highlights and the report chart
    definition: str
    rating: int | None = None  # ClaimReview ratingValue; None = not on the numeric scale


@dataclass(frozen=True, slots=True)
class VerdictScale:
    options: tuple[VerdictOption, ...]

    def get(self, key: str) -> VerdictOption | None:
        return next((o for o in self.options if o.key == key), None)

    def keys(self) -> list[str]:
        return [o.key for o in self.options]

    @property
    def best_rating(self) -> int:
        return max((o.rating for o in self.options if o.rating is not None), default=1)

    @property
    def worst_rating(self) -> int:
        return min((o.rating for o in self.options if o.rating is not None), default=1)


DEFAULT_SCALE = VerdictScale(
    (
        VerdictOption(UNVERIFIED, "Unverified", "#9aa0a6", "Not yet checked."),
        VerdictOption("true", "True", "#2e7d32", "The claim is accurate and nothing significant is missing.", 5),
        VerdictOption(
            "mostly-true", "Mostly true", "#7cb342",
            "The claim is accurate but needs clarification or additional information.", 4,
        ),
        VerdictOption(
            "mixed", "Mixed", "#f9a825",
            "The claim is partially accurate but leaves out important details or takes things out of context.", 3,
        ),
        VerdictOption(
            "mostly-false", "Mostly false", "#ef6c00",
            "The claim contains an element of truth but ignores critical facts that would give a different impression.", 2,
        ),
        VerdictOption("false", "False", "#c62828", "The claim is not accurate.", 1),
        VerdictOption(
            "unproven", "Unproven", "#6a1b9a",
            "The evidence available neither confirms nor refutes the claim.",
        ),
        VerdictOption(
            "not-checkable", "Not checkable", "#546e7a",
            "The statement is opinion, prediction or otherwise cannot be checked against evidence.",
        ),
    )
)
