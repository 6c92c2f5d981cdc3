"""The generated test kit (NetBox's ``utilities/testing`` idea, in pytest).

- ``cases.KitCase``: what an app declares per model in ``<app>/tests/kit_cases.py`` (``CASES``).
- ``test_generated.py``: one parametrised module that runs list, detail, create, edit and delete for
  every declared case as anonymous, as a persona without rights and as a persona with rights, and
  checks list pages and API lists against ``tests/query_baselines.json``.
- ``plugin``: records the URL name of every request the suite makes; ``test_url_coverage.py`` fails
  when a URL name is requested by no test (``tests/url_names_allowlist.json`` lists the exceptions).
"""
