"""A small hand-typed gazetteer for the extraction tests (coordinates are public facts)."""

from mapper.gazetteer import Gazetteer
from mapper.models import Place

PLACES = [
    Place("t:kirkuk", "Kirkuk", 35.4681, 44.3922, "city", admin1="Kirkuk", admin2="Kirkuk",
          population=600_000),
    Place("t:kirkuk-gov", "Kirkuk", 35.30, 44.06, "governorate", admin1="Kirkuk"),
    Place("t:daquq", "Daquq", 35.1417, 44.4478, "town", admin1="Kirkuk", admin2="Daquq",
          population=30_000),
    Place("t:hawija", "Hawija", 35.3266, 43.7643, "town", alt_names=("Hawijah", "Haweeja"),
          admin1="Kirkuk", admin2="Hawija", population=60_000),
    Place("t:dibis", "Dibis", 35.6748, 44.0707, "town", admin1="Kirkuk", admin2="Dibis",
          population=20_000),
    Place("t:mosul", "Mosul", 36.335, 43.1189, "city", admin1="Ninewa", admin2="Mosul",
          population=1_600_000),
    Place("t:ninewa", "Nineveh", 36.02, 42.33, "governorate", alt_names=("Ninewa",),
          admin1="Ninewa"),
    Place("t:qaraqosh", "Al-Hamdaniya", 36.2709, 43.3776, "town",
          alt_names=("Qaraqosh", "Bakhdida"), admin1="Ninewa", admin2="Al-Hamdaniya",
          population=50_000),
    Place("t:baghdad", "Baghdad", 33.3406, 44.4009, "city", admin1="Baghdad",
          admin2="Baghdad", population=7_000_000),
    Place("t:baghdadi", "Al-Baghdadi", 33.87, 42.56, "town", alt_names=("Baghdadi",),
          admin1="Anbar", admin2="Hit", population=10_000),
    Place("t:erbil", "Erbil", 36.19, 44.01, "city", admin1="Erbil", admin2="Erbil",
          population=900_000),
    Place("t:diyala", "Diyala", 34.05, 44.88, "governorate", admin1="Diyala"),
    Place("t:baqubah", "Baqubah", 33.75, 44.64, "city", alt_names=("Baquba",), admin1="Diyala",
          admin2="Baqubah", population=300_000),
    Place("t:anbar", "Anbar", 32.86, 41.54, "governorate", admin1="Anbar"),
    Place("t:ramadi", "Ramadi", 33.42, 43.30, "city", admin1="Anbar", admin2="Ramadi",
          population=300_000),
    Place("t:kurdistan", "Kurdistan", 36.5, 44.5, "region"),
    Place("t:basra", "Basra", 30.5, 47.8, "city", admin1="Basrah", admin2="Basrah",
          population=1_300_000),
    Place("t:madinah", "Al-Madinah", 30.96, 47.27, "town", alt_names=("Medina",),
          admin1="Basrah", admin2="Al-Madinah", population=20_000),
    Place("t:bashir", "Bashir", 35.335, 44.375, "village", admin1="Kirkuk", admin2="Kirkuk"),
]  # fmt: skip


def gazetteer() -> Gazetteer:
    return Gazetteer.from_places(PLACES)
