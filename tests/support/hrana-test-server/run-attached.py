# Not part of the upstream server (this project's own): runs server_v2.py, and ends it when the process
# that started it is gone, so a test worker that is killed never leaves a database server behind.
import os
import runpy
import sys
import threading
import time

parent = os.getppid()


def watch_parent():
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


threading.Thread(target=watch_parent, daemon=True).start()
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.argv = [os.path.join(here, "server_v2.py")] + sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
