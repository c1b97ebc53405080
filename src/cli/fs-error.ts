/** A short reason for a failed file operation, in words, without Node's error codes, stack or syscall noise. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a path component is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop?)';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    case 'EIO':
      return 'input/output error while reading';
    case 'ENXIO':
    case 'ENODEV':
      return 'no such device';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    case 'EEXIST':
      return 'already exists';
    case 'ENOTEMPTY':
      return 'directory not empty';
    case 'EBUSY':
      return 'busy';
    default:
      return 'the operating system refused it';
  }
}
