#ifndef TICKETS_CHIREDIS_SHIM_H
#define TICKETS_CHIREDIS_SHIM_H
// Swift cannot call the variadic redisCommand; the driver uses redisCommandArgv and
// redisAppendCommandArgv, which take argument vectors and are binary-safe.
#include <hiredis/hiredis.h>

// hiredis 0.14 (Debian 12) predates RESP3; hiredis 1.x adds these reply types. Defining their
// codes when the installed header lacks them lets the driver decode the replies of either version.
#ifndef REDIS_REPLY_DOUBLE
#define REDIS_REPLY_DOUBLE 7
#define REDIS_REPLY_BOOL 8
#define REDIS_REPLY_MAP 9
#define REDIS_REPLY_SET 10
#define REDIS_REPLY_BIGNUM 13
#define REDIS_REPLY_VERB 14
#endif

// The format of a RESP3 verbatim string ("txt", "mkd"). hiredis 0.14 has no field for it (and
// never produces such a reply), so there it is empty.
static inline const char *tickets_redisReplyVerbatimFormat(const redisReply *reply) {
#if HIREDIS_MAJOR >= 1
    return reply->vtype;
#else
    (void)reply;
    return "";
#endif
}
#endif
