#ifndef TICKETS_CLIBPQ_SHIM_H
#define TICKETS_CLIBPQ_SHIM_H
// libpq has no variadic entry points the driver needs; the header is re-exported as is.
#include <libpq-fe.h>
#endif
