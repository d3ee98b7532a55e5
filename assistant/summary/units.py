"""Units of measure: which quantity and system a line's unit words name ('celsius': temperature,
metric), and where, so a replacement can keep the rest of the line."""

from __future__ import annotations

import re

UNITS = {
    "temperature": {"metric": r"celsius|centigrade|°c", "imperial": r"fahrenheit|°f"},
    "distance": {"metric": r"km|kms|kilomet\w*|metres|meters", "imperial": r"miles?|mi|yards?"},
    "weight": {
        "metric": r"kg|kgs|kilos?|kilograms?|grams?|g",
        "imperial": r"pounds|lbs?|ounces|oz|stone",
    },
    "volume": {
        "metric": r"litres?|liters?|millilit\w*|ml",
        "imperial": r"cups?|tablespoons?|teaspoons?|tbsp|tsp|gallons?|pints?|fl oz|quarts?",
    },
    "height": {"metric": r"centimet\w*|cm", "imperial": r"feet|foot|inches|inch"},
    "speed": {"metric": r"km/h|kph", "imperial": r"mph|miles per hour"},
}


def unit_word(line: str, name: str, system: str) -> re.Match | None:
    """Where the line names a unit of that quantity and system ('celsius' for units:temperature,
    metric), so a replacement can keep the rest of the line."""
    pattern = UNITS.get(name.removeprefix("units:"), {}).get(system)
    return re.search(rf"(?<![\w/])(?:{pattern})(?![\w/])", line, re.I) if pattern else None


def unit_slots(low: str) -> list[tuple[str, str]]:
    """('units:temperature', 'metric') for each quantity whose unit the line names."""
    found = []
    for quantity, systems in UNITS.items():
        for system, pattern in systems.items():
            if re.search(rf"(?<![\w/])(?:{pattern})(?![\w/])", low):
                found.append((f"units:{quantity}", system))
    m = re.search(r"\b(metric|imperial|si units|us units|us customary)\b", low)
    if m:
        found.append(("units:all", "imperial" if m.group(1) != "metric" else "metric"))
    return found
