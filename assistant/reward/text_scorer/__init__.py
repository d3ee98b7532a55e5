"""The text-conditioned reward term c(summary, x, y): how well an answer respects the user's stated
preferences (lexicon, facets, features, model, judge, fit)."""

from assistant.reward.text_scorer.facets import (
    DATA_DIR,
    FACETS_PATH,
    WEIGHTS_PATH,
    Facet,
    TextScorerError,
    domain_group,
    load_facets,
    make_pairs,
    parse_facets,
)
from assistant.reward.text_scorer.features import (
    answer_terms,
    lexical_features,
    line_terms,
    pair_features,
)
from assistant.reward.text_scorer.fit import (
    FitConfig,
    build,
    featurize_rows,
    fit,
    fit_ensemble,
    pairwise_accuracy,
)
from assistant.reward.text_scorer.judge import judge_with_llm
from assistant.reward.text_scorer.model import TextScorer, preference_lines

__all__ = [
    "DATA_DIR",
    "FACETS_PATH",
    "WEIGHTS_PATH",
    "Facet",
    "FitConfig",
    "TextScorer",
    "TextScorerError",
    "answer_terms",
    "build",
    "domain_group",
    "featurize_rows",
    "fit",
    "fit_ensemble",
    "judge_with_llm",
    "lexical_features",
    "line_terms",
    "load_facets",
    "make_pairs",
    "pair_features",
    "pairwise_accuracy",
    "parse_facets",
    "preference_lines",
]
