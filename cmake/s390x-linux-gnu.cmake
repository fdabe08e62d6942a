# CMake toolchain file: gibtrace's user space for s390x (big-endian, 64-bit), built with
# Debian's cross compiler (gcc-s390x-linux-gnu, libc6-dev-s390x-cross) against a sysroot
# of s390x libraries made by scripts/s390x-sysroot.sh. scripts/s390x-build.sh uses it:
#   cmake -S . -B B -DCMAKE_TOOLCHAIN_FILE=cmake/s390x-linux-gnu.cmake \
#       -DGIB_S390X_SYSROOT=$(scripts/s390x-sysroot.sh)
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(CMAKE_C_COMPILER s390x-linux-gnu-gcc)

# try_compile projects run this file again: pass the sysroot on to them.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES GIB_S390X_SYSROOT)
if(NOT GIB_S390X_SYSROOT AND DEFINED ENV{GIB_S390X_SYSROOT})
	set(GIB_S390X_SYSROOT "$ENV{GIB_S390X_SYSROOT}")
endif()
if(NOT GIB_S390X_SYSROOT OR NOT EXISTS "${GIB_S390X_SYSROOT}/usr/lib/s390x-linux-gnu")
	message(FATAL_ERROR "GIB_S390X_SYSROOT='${GIB_S390X_SYSROOT}' is not an s390x sysroot: "
		"make one with scripts/s390x-sysroot.sh")
endif()

# Libraries and headers only from the sysroot and the cross C library; programs (clang,
# bpftool: the BPF object is built on the host) only from the host.
set(CMAKE_FIND_ROOT_PATH "${GIB_S390X_SYSROOT}" /usr/s390x-linux-gnu)
set(CMAKE_LIBRARY_ARCHITECTURE s390x-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The sysroot's headers after the cross compiler's own (its libc and kernel headers), so
# that <bpf/libbpf.h> is found even where pkg-config drops -I<sysroot>/usr/include.
set(CMAKE_C_FLAGS_INIT "-idirafter ${GIB_S390X_SYSROOT}/usr/include")

# pkg-config reads only the sysroot's .pc files and prefixes their paths with it.
set(ENV{PKG_CONFIG_LIBDIR}
	"${GIB_S390X_SYSROOT}/usr/lib/s390x-linux-gnu/pkgconfig:${GIB_S390X_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${GIB_S390X_SYSROOT}")
