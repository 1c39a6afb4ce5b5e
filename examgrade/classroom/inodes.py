"""Where the files a class's workers stage get their inodes (issue 17, i17k2).

On ext4 without a journal (this project's machines), a new inode is looked for from
the start of one block group, and every inode of that group freed in the last one to
six minutes is passed over, one buffer-cache look-up each (`recently_deleted` in the
kernel's `fs/ext4/ialloc.c`). A file's group is the first one with any free inode in
its folder's flex group, so every file made under a busy folder (`/tmp`, where other
programs delete their temporary files all day) waits on everybody's deletions: a
student's two files cost 0.6 to 1.5 ms of kernel time there, 0.04 to 0.05 ms in a
group nobody deletes in, on the same disk in the same minute.

The top-directory flag (`chattr +T`, `FS_TOPDIR_FL`) has ext4 place each folder made
inside a folder as it places a folder at the root: in a flex group with more free
inodes than the average and the fewest folders, from a start hashed from the folder's
name. The batch sets it on its staging folder, so each worker's folder (`w<pid>`: a
start of its own each run), and the files it stages there, most likely start in inodes
nobody used lately (a group just emptied by deletions has few folders too, and can
still be picked); the batch's rename then moves each file into place (a rename moves
no inode). Only where the staged files' inodes
come from changes, never a byte of any file. Elsewhere (another file system, another
system, a folder the user may not flag) the flag is refused and nothing changes.
"""

from __future__ import annotations

import array
import os
import sys
from pathlib import Path

_FS_IOC_GETFLAGS = 0x80086601  # _IOR('f', 1, long): the kernel reads and writes an int
_FS_IOC_SETFLAGS = 0x40086602  # _IOW('f', 2, long)
_FS_TOPDIR_FL = 0x00020000


def place_apart(folder: Path) -> bool:
    """Ask the file system to place the folders made inside `folder` as top-level
    folders (above); True when it took the flag, False when it refused or could not."""
    if not sys.platform.startswith("linux"):
        return False
    import fcntl

    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        flags = array.array("i", [0])
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags, True)
        if not flags[0] & _FS_TOPDIR_FL:
            flags[0] |= _FS_TOPDIR_FL
            fcntl.ioctl(fd, _FS_IOC_SETFLAGS, flags, True)
    except (OSError, OverflowError):
        return False
    finally:
        os.close(fd)
    return True


__all__ = ["place_apart"]
