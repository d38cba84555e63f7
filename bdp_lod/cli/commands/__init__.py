"""One module per command; importing a module registers its command on the group."""

from . import convert  # noqa: F401
from . import parse  # noqa: F401
from . import publish  # noqa: F401
from . import push  # noqa: F401
from . import serve  # noqa: F401
from . import site  # noqa: F401
from . import teryt  # noqa: F401
from . import validate  # noqa: F401
