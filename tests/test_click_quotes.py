"""click's own errors quote in German with „…“ (click writes '…' into the values it hands to
its translated messages; cli/base.py and the catalogue change that), English keeps click's."""

import pytest
from click.testing import CliRunner
from werkzeugkoffer.cli import cli

CASES = [
    (["einsatzplan", "lohra", "--phase", "3"],
     "Fehler: Ungültiger Wert für „--phase“: 3 liegt nicht im Bereich 1<=x<=2.",
     "Error: Invalid value for '--phase': 3 is not in the range 1<=x<=2."),
    (["results", "import", "--dry-run", "x"], "Fehler: Unbekannte Option „--dry-run“.",
     "Error: No such option: --dry-run"),
    (["chek"], "Fehler: Unbekannter Befehl „chek“.", "Error: No such command 'chek'."),
    (["results", "blank", "--format", "odt", "-o", "x"],
     "Fehler: Ungültiger Wert für „--format“: „odt“ ist keiner der Werte „csv“, „xlsx“.",
     "Error: Invalid value for '--format': 'odt' is not one of 'csv', 'xlsx'."),
]


@pytest.mark.parametrize("args, german, english", CASES)
def test_click_errors_quote_in_german(mini_ws, monkeypatch, args, german, english):
    runner = CliRunner()
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "de")
    result = runner.invoke(cli, ["-w", str(mini_ws), *args])
    assert result.exit_code == 2
    assert german in result.output
    assert "'" not in result.output.splitlines()[-1]
    monkeypatch.setenv("WERKZEUGKOFFER_LANG", "en")
    result = runner.invoke(cli, ["-w", str(mini_ws), *args])
    assert result.exit_code == 2
    assert english.split(":")[0] in result.output
