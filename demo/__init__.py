"""The demo data set: accounts for every role of seven agencies and a few hundred coherent seizure cases.

Everything here is plain functions over the models; `manage.py load_demo` only parses options and prints.
The package is split by what it builds: `accounts` (demo users and memberships), `people` (recurring
suspects, namesakes, how names and documents are written), `routes` (smuggling corridors and the means of
transport), `permits` (permit numbers presented but not on record) and `cases` (the generator).

What the set contains (deterministic for a seed and a day):
- one account per role (officer, supervisor, analyst, agency administrator) for KG-CUS, KG-BGS, KG-MVD,
  KG-ECO, KZ-CUS, UZ-CUS and TJ-CUS, plus the system administrator `admin`;
- cases over the last three years along recurring corridors (Saker falcons to China and the Gulf, saiga
  horns KZ → KG → CN, pangolin scales and ivory from Africa via the Gulf or Istanbul, tortoises to Russia by
  rail and post, snow leopard skins and Marco Polo trophies, caviar from Russia, musk pods to China...);
- about 25 recurring suspects recorded by different agencies under different spellings (Cyrillic and Latin,
  name order swapped, documents written with spaces, dashes or O/0 confusion, birth dates with day and month
  swapped or only the year), and namesakes who are different people.

Reference data (countries, agencies, posts, taxa, CITES terms and units) are looked up by their codes and
scientific names; what is missing is skipped with a warning.
"""
