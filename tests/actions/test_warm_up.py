"""What the action server prepares at start-up, so that no user pays for it on a first question or ticket."""
from __future__ import annotations

import subprocess
import sys

from bot.supervisor import ROOT

PROBE = """
import sys
from actions.kb import warm_up
warm_up()
from knowledge.schedule import _french_holidays
from helpdesk.establishments import default_directory
print(_french_holidays.cache_info().currsize, default_directory.cache_info().currsize,
      'holidays.countries' in sys.modules)
"""


def test_warm_up_builds_the_holiday_calendar_and_the_establishment_directory():
    # A fresh interpreter: in this one, other tests may already have built both.
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    calendars, directories, imported = out.stdout.split()
    assert int(calendars) >= 1 and int(directories) == 1 and imported == "True"
