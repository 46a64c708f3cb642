"""What every HiGHS model of the engines shares.

HiGHS starts one global thread pool for the process with the ``threads`` option of the first
model that runs; a later model that asks for another number gets an error from ``Highs.run``
instead of a solution ("Option 'threads' is set to N but global scheduler has already been
initialized to use M threads"). The placement and matching engines run in one worker process,
so they ask for the same number.
"""

THREADS = 2
