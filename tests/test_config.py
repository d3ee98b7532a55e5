"""Settings: TOML < env < flags, clear errors for broken config."""

from pathlib import Path

import pytest

from assistant.config import ConfigError, load_settings


def test_defaults_without_file(tmp_path: Path):
    s = load_settings(env={}, config_path=tmp_path / "missing.toml")
    assert s.llm.backend == "local"
    assert s.n_candidates == 4
    assert s.data_dir.name == "plural"


def test_precedence_file_env_flags(tmp_path: Path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('user = "filer"\nn_candidates = 2\n[llm]\nmax_tokens = 99\n')
    env = {"PLURAL_USER": "envy", "PLURAL_DATA_DIR": str(tmp_path / "d")}
    s = load_settings({"n_candidates": 3}, env=env, config_path=cfg)
    assert s.user == "envy"  # env beats file
    assert s.n_candidates == 3  # flags beat file
    assert s.llm.max_tokens == 99
    assert s.data_dir == tmp_path / "d"
    assert s.chroma_dir == tmp_path / "d" / "chroma"


def test_broken_toml_names_the_file(tmp_path: Path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("user = = 3\n")
    with pytest.raises(ConfigError, match="c.toml: not valid TOML"):
        load_settings(env={}, config_path=cfg)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("nonsense = 1\n", "unknown setting 'nonsense'"),
        ('n_candidates = "many"\n', "n_candidates = 'many' is not a valid int"),
        ("n_candidates = 99\n", "choose 1..16"),
        ('[llm]\nbackend = "gpt"\n', "choose one of local, transformers, openai"),
        ('[llm]\nbackend = "openai"\n', "needs an endpoint"),
        ("llm = 3\n", r"\[llm\] must be a table"),
    ],
)
def test_bad_values_are_explained(tmp_path: Path, text: str, match: str):
    cfg = tmp_path / "c.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError, match=match):
        load_settings(env={}, config_path=cfg)


def test_settings_are_frozen(tmp_path: Path):
    s = load_settings(env={}, config_path=tmp_path / "none.toml")
    with pytest.raises(AttributeError):
        s.user = "x"  # type: ignore[misc]
