/* The bclint rule plugin ABI: the one descriptor a plugin exports, the rule
 * metadata it carries, and the host services a rule may call.
 *
 * A plugin is a shared object exporting exactly one data symbol,
 * `bclint_plugin` (see BCLINT_PLUGIN_DEFINE).  Because it is data, the host
 * reads and checks it (magic, ABI version, sizes, rule IDs) before calling
 * any function of the plugin.  See bclint-plugin(3).
 *
 * ABI policy: BCLINT_ABI_VERSION changes whenever a struct in this header or
 * in model.h changes layout or meaning, or a host function changes
 * signature.  Growth is append-only, and sizes tell each side what the
 * other has: new host functions are appended to struct bclint_host, whose
 * size field tells a plugin what this host offers; new rule fields are
 * appended to struct bclint_rule, whose size the descriptor carries
 * (rule_size), so that a host reads only the fields a plugin was built
 * with.  See bclint-plugin(3), ABI.
 */
#ifndef BCLINT_PLUGIN_H
#define BCLINT_PLUGIN_H 1

#include <stddef.h>
#include <stdint.h>

#include <bclint/model.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BCLINT_ABI_VERSION   1
#define BCLINT_PLUGIN_MAGIC  0x42434c54u /* "BCLT" */
#define BCLINT_PLUGIN_SYMBOL "bclint_plugin"

#if defined(__GNUC__)
#define BCLINT_EXPORT       __attribute__((visibility("default")))
#define BCLINT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define BCLINT_EXPORT
#define BCLINT_PRINTF(f, a)
#endif

/* Finding levels.  BCLINT_LEVEL_DEFAULT, when reporting, means the level the
 * rule is configured at. */
enum bclint_level {
	BCLINT_LEVEL_DEFAULT = 0,
	BCLINT_LEVEL_NOTE = 1,
	BCLINT_LEVEL_WARNING = 2,
	BCLINT_LEVEL_ERROR = 3,
	BCLINT_LEVEL_OFF = 4 /* configuration only */
};

/* Types of rule options. */
enum bclint_option_type {
	BCLINT_OPT_INT,     /* a non-negative integer */
	BCLINT_OPT_STRING,  /* any string */
	BCLINT_OPT_BOOL,    /* true or false */
	BCLINT_OPT_PATTERNS /* a list of PCRE2 patterns */
};

/* One option a rule accepts.  The host validates values against type before
 * check() runs; a rule reads the result with the host's opt_* functions. */
struct bclint_option {
	const char *key;  /* e.g. "max_admins" */
	uint32_t type;    /* enum bclint_option_type */
	const char *def;  /* default as text ("3", "true"); NULL: unset */
	const char *help; /* one sentence */
};

/* One person of the roster of current staff (--roster, the configuration's
 * "roster"): who should be in the Business Center, and until when. */
struct bclint_roster_entry {
	const char *email;    /* the email, or the pattern (it starts with '^') */
	const char *name;     /* NULL when absent */
	bclint_time end;      /* the first moment past the end date, or BCLINT_NO_TIME */
	const char *end_date; /* the end date as written, or NULL */
	const char *kind;     /* "employee", "contractor", "agency", or NULL */
	uint32_t line;        /* where the roster file names them */
};

struct bclint_ctx;     /* opaque: one rule's run over one snapshot */
struct bclint_finding; /* opaque: a reported finding, to attach notes to */
struct bclint_host;

/* A rule's check: read the model, report findings.  Returns 0, or a
 * negative number when it could not finish (reported as a plugin failure). */
typedef int bclint_check_fn(const struct bclint_host *host, struct bclint_ctx *ctx,
                            const struct bclint_model *model);

/* One rule and its documentation. */
struct bclint_rule {
	const char *id;          /* stable, lower-case, hyphenated */
	const char *name;        /* PascalCase, distinct from id (SARIF name) */
	const char *summary;     /* one line, no final period */
	const char *description; /* what it checks */
	const char *rationale;   /* why it matters */
	const char *fix;         /* how to fix it in Business Center */
	const char *example;     /* an example finding line */
	uint32_t level;          /* default enum bclint_level */
	const char *const *tags; /* NULL-terminated, or NULL */
	const struct bclint_option *options;
	size_t n_options;
	bclint_check_fn *check;
	/* -- appended: a host reads these only when rule_size has room -- */
	/* How often a finding is right, as SARIF says it: "very-high", "high",
	 * "medium" or "low"; NULL: "high". */
	const char *precision;
	/* For rules tagged "security": GitHub's security-severity, a score
	 * from "0.1" to "10.0" (CVSS-like); NULL: none. */
	const char *security_severity;
};

/* The size of struct bclint_rule before its appended fields: the least
 * rule_size a host accepts. */
#define BCLINT_RULE_SIZE_1 (offsetof(struct bclint_rule, check) + sizeof(bclint_check_fn *))

/* The exported descriptor.  All of it is read-only data. */
struct bclint_plugin {
	uint32_t magic;       /* BCLINT_PLUGIN_MAGIC */
	uint32_t abi_version; /* BCLINT_ABI_VERSION the plugin was built with */
	uint32_t size;        /* sizeof(struct bclint_plugin) */
	uint32_t rule_size;   /* sizeof(struct bclint_rule) the plugin was built with */
	const char *name;     /* plugin name, e.g. "core-access" */
	const char *version;  /* plugin version */
	const char *description;
	const struct bclint_rule *rules;
	size_t n_rules;
};

/* Define the plugin's descriptor from a static array of rules. */
#define BCLINT_PLUGIN_DEFINE(pname, pversion, pdesc, prules)                                       \
	BCLINT_EXPORT extern const struct bclint_plugin bclint_plugin;                             \
	const struct bclint_plugin bclint_plugin = {BCLINT_PLUGIN_MAGIC,                           \
	                                            BCLINT_ABI_VERSION,                            \
	                                            (uint32_t)sizeof(struct bclint_plugin),        \
	                                            (uint32_t)sizeof(struct bclint_rule),          \
	                                            (pname),                                       \
	                                            (pversion),                                    \
	                                            (pdesc),                                       \
	                                            (prules),                                      \
	                                            sizeof(prules) / sizeof((prules)[0])}

/* Services the host offers a rule.  Strings returned are owned by the host
 * and stay valid until check() returns.  None of these may be called from
 * another thread or after check() returns. */
struct bclint_host {
	uint32_t size; /* sizeof(struct bclint_host) of the running host */

	/* Report a finding about entity.  level BCLINT_LEVEL_DEFAULT uses the
	 * rule's configured level; a user's --level override always wins.
	 * Returns the finding for notes, or NULL (out of memory, or
	 * suppressed): both are safe to pass to note(). */
	struct bclint_finding *(*report)(struct bclint_ctx *ctx, int level,
	                                 const struct bclint_entity *entity, const char *fmt,
	                                 ...)BCLINT_PRINTF(4, 5);

	/* Attach a note, with its own location, to a finding (NULL is ignored). */
	void (*note)(struct bclint_ctx *ctx, struct bclint_finding *finding,
	             const struct bclint_entity *entity, const char *fmt, ...) BCLINT_PRINTF(4, 5);

	/* Typed option values: --set, then config, then the snapshot's policy,
	 * then the declared default.  Keys must be declared by the rule. */
	long long (*opt_int)(struct bclint_ctx *ctx, const char *key);
	const char *(*opt_string)(struct bclint_ctx *ctx, const char *key);
	int (*opt_bool)(struct bclint_ctx *ctx, const char *key);
	/* 1 if any pattern of a BCLINT_OPT_PATTERNS option matches subject, 0
	 * if none does, -1 if the option has no patterns. */
	int (*opt_match)(struct bclint_ctx *ctx, const char *key, const char *subject);

	/* The reference time: --now, else captured_at, else the clock. */
	bclint_time (*now)(struct bclint_ctx *ctx);

	/* How to name things in messages (emails are hashed under --redact). */
	const char *(*member_label)(struct bclint_ctx *ctx, const struct bclint_member *member);
	const char *(*asset_label)(struct bclint_ctx *ctx, const struct bclint_asset *asset);
	/* "advertiser_role OPERATOR", "tt_account_roles [POST]", "user_role
	 * ADMIN", "no grant"... for a cap in the given scope and asset type. */
	const char *(*cap_label)(struct bclint_ctx *ctx, uint32_t scope, uint32_t asset_type,
	                         struct bclint_cap cap);
	/* The member's current permission for a need, in the need's scope:
	 * the asset grant, the user_role or the finance role. */
	struct bclint_cap (*need_have)(const struct bclint_need *need);
	/* Name of an asset type as the UI says it ("ad account"). */
	const char *(*asset_type_label)(uint32_t asset_type);
	/* Name of an asset type as the API spells it ("ADVERTISER"). */
	const char *(*asset_type_name)(uint32_t asset_type);
	/* Is the email inside the BC's allowlist: bc.x_allowed_email_domains
	 * (the part after '@', case-insensitive) or, when the calling rule
	 * declares it, its "allowed_email_patterns" option?  1 allowed, 0 not,
	 * -1 no allowlist is configured. */
	int (*email_allowed)(struct bclint_ctx *ctx, const char *email);

	/* -- appended after the first release: test with BCLINT_HOST_HAS -- */

	/* Where the grant's effective permission comes from: the direct
	 * assignment when it alone gives it, else the asset group; when a
	 * partner's share lowers it, the share (the limit is what counts). */
	const struct bclint_entity *(*grant_source)(struct bclint_ctx *ctx,
	                                            const struct bclint_grant *grant);
	/* For a need whose action also needs a grant on another asset
	 * (action->also_types): the member's grant that counts for it, or
	 * NULL.  *asset_id is the asset the need names for it (x_advertiser_id)
	 * or NULL; *asset is that asset when it is in this Business Center
	 * (NULL: another's), or, when the need names none, the asset of the
	 * member's strongest grant of that type (NULL: they have none). */
	const struct bclint_grant *(*also_grant)(struct bclint_ctx *ctx,
	                                         const struct bclint_need *need,
	                                         const char **asset_id,
	                                         const struct bclint_asset **asset);

	/* The previous snapshot of the same Business Center (bclint
	 * --previous, bclint diff), or NULL when there is none. */
	const struct bclint_model *(*previous)(struct bclint_ctx *ctx);
	/* The entity of the other snapshot with the same identity (IDs) as
	 * entity, an entity of model (this snapshot's or the previous one's);
	 * NULL when it has none.  It is the ent member, the first, of its
	 * struct: cast it to that struct. */
	const struct bclint_entity *(*counterpart)(struct bclint_ctx *ctx,
	                                           const struct bclint_model *model,
	                                           const struct bclint_entity *entity);
	/* report(), at an entity of model: this snapshot or the previous one
	 * (the finding is then in the previous snapshot's file). */
	struct bclint_finding *(*report_at)(struct bclint_ctx *ctx,
	                                    const struct bclint_model *model, int level,
	                                    const struct bclint_entity *entity, const char *fmt,
	                                    ...)BCLINT_PRINTF(5, 6);
	/* note(), at an entity of model: this snapshot or the previous one. */
	void (*note_at)(struct bclint_ctx *ctx, struct bclint_finding *finding,
	                const struct bclint_model *model, const struct bclint_entity *entity,
	                const char *fmt, ...) BCLINT_PRINTF(5, 6);

	/* The roster's entry for the member: their email, ignoring case, or
	 * else the first pattern that matches it.  Returns 1 with *entry set,
	 * 0 when the member is not on the roster, -1 when there is no roster. */
	int (*roster_find)(struct bclint_ctx *ctx, const struct bclint_member *member,
	                   const struct bclint_roster_entry **entry);
	/* The roster file's name as given (for messages), or NULL without one. */
	const char *(*roster_path)(struct bclint_ctx *ctx);
};

/* Does the running host offer the function field of struct bclint_host?
 * (Functions are appended; a host built before one was added lacks it.) */
#define BCLINT_HOST_HAS(host, field)                                                               \
	((host)->size >= offsetof(struct bclint_host, field) + sizeof((host)->field))

/* Does permission have cover requirement need? (see struct bclint_cap) */
static inline int bclint_covers(struct bclint_cap have, struct bclint_cap need)
{
	return have.level >= need.level && (have.set & need.set) == need.set &&
	       (have.level | have.set) != 0;
}

/* Is the member active (relation_status BOUND or absent)? */
static inline int bclint_member_active(const struct bclint_member *m)
{
	return m->status == BCLINT_REL_BOUND;
}

#ifdef __cplusplus
}
#endif
#endif /* BCLINT_PLUGIN_H */
