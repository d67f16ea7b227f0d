#ifndef TICKETS_CHIREDIS_SHIM_H
#define TICKETS_CHIREDIS_SHIM_H
// Swift cannot call the variadic redisCommand; the driver uses redisCommandArgv and
// redisAppendCommandArgv, which take argument vectors and are binary-safe.
#include <hiredis/hiredis.h>
#endif
