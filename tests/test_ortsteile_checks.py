"""Ortsteile the plan does not know or leaves out are findings of ``check``; the did-you-mean
of an Ortsteil does not suggest a merely similar-sounding village."""

import attrs
from fixtures import change_municipality, with_venue
from werkzeugkoffer import Workspace, run_checks
from werkzeugkoffer.model import Venue
from werkzeugkoffer.names import closest, did_you_mean
from werkzeugkoffer.reach import reach


def findings(ws, code):
    return [f for f in run_checks(Workspace.load(ws)) if f.code == code]


def test_an_empty_ortsteile_list_with_venues_in_named_ortsteile_is_a_finding(mini_ws):
    m = change_municipality(mini_ws, "lohra", lambda m: attrs.evolve(m, ortsteile=()))
    (f,) = findings(mini_ws, "ortsteile-missing")
    assert f.severity.value == "warning" and f.path == "ortsteile"
    assert f.message == ("no Ortsteile are listed, but the venues lie in 2 Ortsteile (Altenvers, "
                         "Lohra); list every Ortsteil in ortsteile: until then reach counts only "
                         "the Ortsteile of the venues")
    # reach (kit overview, council summary) no longer says "1 of 1 (all)"
    r = reach(m, [s for p in m.phases for s in p.sessions])
    assert r.ortsteile == ("Lohra", "Altenvers") and len(r.reached) == 2


def test_an_empty_list_is_fine_when_every_venue_is_in_the_main_town(mini_ws):
    change_municipality(mini_ws, "lohra", lambda m: attrs.evolve(
        with_venue(m, "dgh-altenvers", ortsteil="Lohra"), ortsteile=()))
    assert findings(mini_ws, "ortsteile-missing") == []


def test_a_venue_in_an_unlisted_ortsteil_is_a_finding(mini_ws):
    change_municipality(mini_ws, "lohra", lambda m: attrs.evolve(m, ortsteile=("Lohra", "Damm")))
    (f,) = findings(mini_ws, "venue-ortsteil")
    assert f.path == "venues[0].ortsteil"
    assert f.message == 'venue "dgh-altenvers" lies in "Altenvers", which is not among the Ortsteile'


def test_an_ortsteil_with_a_venue_but_no_session_in_either_phase_is_a_finding(mini_ws):
    """The per-phase reach check only notices a phase that reaches nothing beyond the main
    town; Damm, left out of both phases while Altenvers is reached, went unnoticed."""
    damm = Venue(id="dgh-damm", name="Dorfgemeinschaftshaus Damm", ortsteil="Damm")
    change_municipality(mini_ws, "lohra", lambda m: attrs.evolve(m, venues=(*m.venues, damm)))
    assert [f.path for f in findings(mini_ws, "reach")] == ["phases[1]"]  # phase 1 reaches one
    (f,) = findings(mini_ws, "ortsteil-unreached")
    assert f.severity.value == "warning"
    assert f.message == ('Ortsteil "Damm" has no session or station in either phase, although '
                         'venue "dgh-damm" lies there')


def test_an_ortsteil_without_a_venue_is_not_a_finding(mini_ws):
    """Without a place there the plan cannot reach it; kit and report list it as not reached."""
    assert findings(mini_ws, "ortsteil-unreached") == []


def test_the_example_reaches_every_ortsteil_it_has_a_venue_in(example_dir):
    assert [f for f in run_checks(Workspace.load(example_dir))
            if f.code in ("ortsteil-unreached", "ortsteile-missing", "venue-ortsteil")] == []


def test_did_you_mean_suggests_typos_not_similar_names():
    villages = ["Breidenbach", "Achenbach", "Niederdieten", "Oberdieten", "Kleingladenbach",
                "Wolzhausen"]
    assert did_you_mean("Wiesenbach", villages) == ""  # four edits from Breidenbach
    assert did_you_mean("Oberdieten", ["Niederdieten"]) == ""
    assert closest("Wiesenbach", ["Breidenbach", "Wiesenbach"]) == "Wiesenbach"
    assert did_you_mean("Wiesnbach", villages + ["Wiesenbach"]) == ' (did you mean "Wiesenbach"?)'
    assert did_you_mean("Wolzhusen", villages) == ' (did you mean "Wolzhausen"?)'
    assert did_you_mean("achenbach", villages) == ' (did you mean "Achenbach"?)'
    assert did_you_mean("dgh-wiesnbach", ["dgh-wiesenbach", "dgh-achenbach"]) \
        == ' (did you mean "dgh-wiesenbach"?)'
    assert did_you_mean("pfd", ["pdf", "html", "ics", "csv"]) == ' (did you mean "pdf"?)'
    assert did_you_mean("altenferz", ["Lohra", "Altenvers"]) == ' (did you mean "Altenvers"?)'
    assert did_you_mean("pdf", ["csv"]) == ""
    assert did_you_mean("x", ["y"]) == ""


def test_did_you_mean_completes_an_abbreviation():
    assert did_you_mean("Gefahr", ["Gefahrenstelle", "Wunsch", "Lob"]) \
        == ' (did you mean "Gefahrenstelle"?)'
    assert did_you_mean("Lo", ["Lohra"]) == ""  # too short to tell


def test_did_you_mean_does_not_offer_another_number():
    assert did_you_mean("Frage 6", [f"Frage {n}" for n in range(1, 6)]) == ""
    assert did_you_mean("lohra-p1-03", ["lohra-p1-01", "lohra-p2-01"]) == ""
    assert did_you_mean("lohra-p1-1", ["lohra-p1-01"]) == ' (did you mean "lohra-p1-01"?)'
    assert did_you_mean("Frage1", ["Frage 1"]) == ' (did you mean "Frage 1"?)'
