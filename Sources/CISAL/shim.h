// ISA-L's inflate, for the ISAL package trait (Debian: libisal-dev).
#include <isa-l/igzip_lib.h>
