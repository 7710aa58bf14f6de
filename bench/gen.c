/* bench/gen: write a deterministic, realistic bclint-snapshot/1 document
 * to standard output, for the benchmark and its smoke test.  The counts of
 * members, assets, direct grants and needs are given on the command line;
 * the same counts and seed always give the same bytes.  The mix is chosen
 * so that every rule of the catalog has something to report (except
 * too-few-admins, which cannot fire together with too-many-admins), and
 * the layout is one entity per line, like a pretty-printed export. */
#include "config.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* captured_at: 2026-11-01T00:00:00Z. */
#define CAPTURED 1793491200LL
#define DAY      86400LL

enum { ADVERTISER, CATALOG, PIXEL, LEAD, TIKTOK_SHOP, STOREFRONT, DOMAIN, TT_ACCOUNT, MBA, NTYPES };

static const char *const type_names[NTYPES] = {
        "ADVERTISER", "CATALOG",     "PIXEL",
        "LEAD",       "TIKTOK_SHOP", "STOREFRONT",
        "DOMAIN",     "TT_ACCOUNT",  "MANAGED_BUSINESS_ACCOUNT",
};
static const char *const type_labels[NTYPES] = {
        "Ads", "Catalog", "Pixel", "Leads", "Shop", "Storefront", "Domain", "@account", "Business",
};
/* Share of each type among assets, in per mille. */
static const unsigned type_weights[NTYPES] = {500, 100, 80, 50, 40, 30, 50, 100, 50};

/* Actions per asset type (NULL-terminated), then BC-level ones. */
static const char *const type_actions[NTYPES][8] = {
        {"VIEW_ADS", "VIEW_REPORTS", "CREATE_EDIT_ADS", "MANAGE_AUDIENCES",
         "MANAGE_AD_ACCOUNT_FINANCE", "MANAGE_AD_ACCOUNT_SETTINGS", "MANAGE_AD_ACCOUNT_MEMBERS",
         NULL},
        {"VIEW_CATALOG", "USE_CATALOG_FOR_ADS", "EDIT_PRODUCTS", "CREATE_PRODUCT_SETS",
         "LINK_PIXEL_TO_CATALOG", NULL},
        {"USE_PIXEL", NULL},
        {"MANAGE_LEADS", NULL},
        {"PROMOTE_SHOP_PRODUCTS", "MANAGE_SHOP", NULL},
        {"PROMOTE_SHOP_PRODUCTS", "MANAGE_SHOP", NULL},
        {"USE_DOMAIN", NULL},
        {"SPARK_ADS_PULL_POST", "USE_LIVE_IN_ADS", "MANAGE_DIRECT_MESSAGES", NULL},
        {"VIEW_ANALYTICS", "MANAGE_POSTS", "MANAGE_MESSAGES", "EDIT_PROFILE",
         "MANAGE_BUSINESS_ACCOUNT_MEMBERS", NULL},
};
static const char *const bc_actions[] = {
        "INVITE_MEMBER", "REMOVE_MEMBER",     "ADD_PARTNER",    "SHARE_WITH_PARTNER",
        "ASSIGN_ASSETS", "CREATE_AD_ACCOUNT", "TRANSFER_PIXEL", "EDIT_BC_INFO",
};
static const char *const finance_actions[] = {"VIEW_INVOICES", "VIEW_TRANSACTIONS",
                                              "MANAGE_PAYMENTS"};
static const char *const creator_actions[] = {"GO_LIVE", "LIVE_GIFTS", "LIVE_SUBSCRIPTION",
                                              "CREATOR_REWARDS", "CREATOR_PAYOUT"};

static const char *const first_names[] = {
        "Lena",  "Jonas", "Sofia",  "Max",   "Ana",  "Tom",   "Mia",   "Noah",
        "Emma",  "Liam",  "Olivia", "Lucas", "Ava",  "Mateo", "Yuki",  "Chen",
        "Priya", "Omar",  "Fatima", "Kofi",  "Ines", "Pablo", "Hanna", "Erik",
        "Zoe",   "Ravi",  "Aiko",   "Leon",  "Nora", "Samir", "Elif",  "Diego",
};
static const char *const last_names[] = {
        "Vogel",  "Meyer",   "Ruiz",   "Braun", "Costa", "Hill",   "Koch",   "Smith",
        "Garcia", "Kim",     "Nguyen", "Rossi", "Silva", "Tanaka", "Wang",   "Patel",
        "Haddad", "Mensah",  "Moreau", "Lopez", "Berg",  "Novak",  "Sato",   "Khan",
        "Dubois", "Fischer", "Ito",    "Reyes", "Olsen", "Yilmaz", "Santos", "Weber",
};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define HOME_DOMAIN   "acme.example"
#define AGENCY_DOMAIN "brightline-media.example"
#define OTHER_DOMAIN  "mail.example"
#define FOREIGN_BC    "7300000000000000999"

struct member {
	unsigned char admin, finance, status, domain, two_step;
	long long login; /* seconds since the epoch */
};

struct asset {
	unsigned char type, foreign, status;
};

struct grant {
	uint32_t member;
	int32_t asset; /* -1: an asset of another Business Center */
};

static uint64_t rng;

/* splitmix64: small, fast and the same everywhere. */
static uint64_t next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t below(uint32_t n)
{
	return n == 0 ? 0 : (uint32_t)(((next() >> 32) * n) >> 32);
}

static int permille(unsigned p)
{
	return below(1000) < p;
}

static const char *stamp(long long t)
{
	static char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

static const char *const status_names[] = {"BOUND", "PENDING", "REJECTED", "UNBOUND"};
static const char *const finance_names[] = {NULL, "ANALYST", "MANAGER"};
static const char *const domains[] = {HOME_DOMAIN, AGENCY_DOMAIN, OTHER_DOMAIN};

static void make_members(struct member *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct member *p = &m[i];
		memset(p, 0, sizeof(*p));
		/* A handful of fixed admins and finance managers, so the
		 * counting rules fire at every size. */
		p->admin = i < 5 || permille(2);
		p->finance = i >= 10 && permille(20) ? 1 + below(2) : 0;
		unsigned r = below(1000);
		p->status = r < 40 ? 1 : r < 55 ? 2 : r < 70 ? 3 : 0;
		if (i < 10)
			p->status = 0;
		r = below(1000);
		p->domain = r < 30 ? 1 : r < 50 ? 2 : 0;
		/* Fixed finance cases: managers 1-3 and 6 (6 needs only to
		 * view invoices), 5 outside the allowlist, 7 with no finance
		 * need at all; see print_needs. */
		if (i < 10) {
			static const unsigned char fin[10] = {0, 2, 2, 2, 0, 1, 2, 1, 0, 0};
			p->finance = fin[i];
			p->domain = i == 5 ? 2 : 0;
		}
		p->two_step = !permille(80);
		/* Most people signed in during the last month; some long ago. */
		long long days = permille(150) ? 90 + below(200) : below(30);
		p->login = CAPTURED - days * DAY - below(86400);
	}
}

static void print_members(const struct member *m, size_t n)
{
	printf("  \"members\": [\n");
	for (size_t i = 0; i < n; i++) {
		const struct member *p = &m[i];
		const char *first = first_names[i % NELEM(first_names)];
		const char *last = last_names[(i / NELEM(first_names)) % NELEM(last_names)];
		printf("    {\"user_id\": \"69%017zu\", \"user_email\": \"", i + 1);
		for (const char *c = first; *c; c++)
			putchar(*c | 0x20);
		putchar('.');
		for (const char *c = last; *c; c++)
			putchar(*c | 0x20);
		printf(".%zu@%s\", \"user_name\": \"%s %s\", \"user_role\": \"%s\"", i + 1,
		       domains[p->domain], first, last, p->admin ? "ADMIN" : "STANDARD");
		if (p->finance)
			printf(", \"ext_user_role\": {\"finance_role\": \"%s\"}",
			       finance_names[p->finance]);
		else if (i % 3 == 0)
			printf(", \"ext_user_role\": {\"finance_role\": null}");
		if (p->status != 0 || i % 2 == 0)
			printf(", \"relation_status\": \"%s\"", status_names[p->status]);
		if (p->status == 1)
			printf(", \"x_invited_at\": \"%s\"",
			       stamp(CAPTURED - (long long)below(40) * DAY));
		if (p->status != 1)
			printf(", \"x_last_login_at\": \"%s\"", stamp(p->login));
		printf(", \"x_two_step_enabled\": %s}%s\n", p->two_step ? "true" : "false",
		       i + 1 < n ? "," : "");
	}
	printf("  ],\n");
}

static void make_assets(struct asset *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned r = below(1000), t = 0, acc = type_weights[0];
		while (r >= acc && t + 1 < NTYPES)
			acc += type_weights[++t];
		a[i].type = (unsigned char)t;
		a[i].foreign = permille(20);
		r = below(1000);
		a[i].status = r < 10 ? 1 : r < 15 ? 3 : 0;
	}
}

static void print_assets(const struct asset *a, size_t n)
{
	printf("  \"assets\": [\n");
	for (size_t i = 0; i < n; i++) {
		printf("    {\"asset_id\": \"71%017zu\", \"asset_type\": \"%s\", "
		       "\"asset_name\": \"Acme %s %zu\"",
		       i + 1, type_names[a[i].type], type_labels[a[i].type], i + 1);
		if (a[i].foreign)
			printf(", \"relation_type\": \"OWNER_PARTNER\", \"owner_bc_id\": \"%s\", "
			       "\"owner_bc_name\": \"Retail Partner BC\"",
			       FOREIGN_BC);
		else if (i % 4 == 0)
			printf(", \"relation_type\": \"OWNER_BC\"");
		if (a[i].status != 0 || i % 4 == 0)
			printf(", \"relation_status\": \"%s\"", status_names[a[i].status]);
		printf("}%s\n", i + 1 < n ? "," : "");
	}
	printf("  ],\n");
}

/* A member who gets grants: every 25th member is left without any. */
static uint32_t grantee(size_t n_members)
{
	uint32_t i = below((uint32_t)n_members);
	if (i % 25 == 13)
		i = (uint32_t)((i + 1) % n_members);
	return i;
}

/* The role field and value of a direct grant on an asset of type t. */
static void print_role(unsigned t)
{
	static const char *const adv[] = {"ANALYST", "OPERATOR", "OPERATOR", "ADMIN"};
	static const char *const tt[] = {"POST", "LIVE", "DIRECT_MESSAGE"};
	static const char *const ba[] = {"BUSINESS_ACCOUNT_ANALYST", "BUSINESS_ACCOUNT_OPERATOR",
	                                 "BUSINESS_ACCOUNT_ADMIN"};
	switch (t) {
	case ADVERTISER: printf(", \"advertiser_role\": \"%s\"", adv[below(4)]); break;
	case CATALOG:
		printf(", \"catalog_role\": \"%s\"", permille(300) ? "ADMIN" : "AD_PROMOTE");
		break;
	case TIKTOK_SHOP:
	case STOREFRONT:
		printf(", \"store_role\": \"%s\"", permille(300) ? "MANAGER" : "AD_PROMOTION");
		break;
	case LEAD: printf(", \"form_library_role\": \"ADMIN\""); break;
	case TT_ACCOUNT: {
		unsigned bits = 1 + below(7), k = 0;
		printf(", \"tt_account_roles\": [");
		for (unsigned b = 0; b < 3; b++)
			if (bits & (1u << b))
				printf("%s\"%s\"", k++ ? ", " : "", tt[b]);
		printf("]");
		break;
	}
	case MBA:
		if (permille(500))
			printf(", \"business_account_roles\": [\"%s\"]", ba[below(3)]);
		else
			printf(", \"business_account_role\": \"%s\"", ba[below(3)]);
		break;
	default: break;
	}
}

static void print_assignments(const struct grant *g, size_t n, const struct asset *a)
{
	printf("  \"assignments\": [\n");
	for (size_t i = 0; i < n; i++) {
		unsigned t = g[i].asset < 0 ? ADVERTISER : a[g[i].asset].type;
		printf("    {\"user_id\": \"69%017" PRIu32 "\", ", g[i].member + 1);
		if (g[i].asset < 0)
			printf("\"asset_id\": \"79%017zu\", ", i + 1);
		else
			printf("\"asset_id\": \"71%017" PRId32 "\", ", g[i].asset + 1);
		printf("\"asset_type\": \"%s\"", type_names[t]);
		print_role(t);
		if (permille(300))
			printf(", \"x_granted_at\": \"%s\"",
			       stamp(CAPTURED - (long long)below(60) * DAY - below(86400)));
		printf("}%s\n", i + 1 < n ? "," : "");
	}
	printf("  ],\n");
}

/* Groups of ad accounts and catalogs, each shared with a few members. */
static void print_groups(const struct asset *a, size_t n_assets, size_t n_members)
{
	static const char *const adv[] = {"ADVERTISER_ROLE_ANALYST", "ADVERTISER_ROLE_OPERATOR",
	                                  "ADVERTISER_ROLE_ADMIN"};
	size_t n = n_assets / 100 > 2 ? n_assets / 100 : 2;
	printf("  \"asset_groups\": [\n");
	for (size_t i = 0; i < n; i++) {
		printf("    {\"asset_group_id\": \"80%017zu\", \"asset_group_name\": \"Team %zu\",\n"
		       "     \"assets\": [",
		       i + 1, i + 1);
		int types = 0;
		for (int k = 0, tries = 0; k < 4 && tries < 40; tries++) {
			uint32_t j = below((uint32_t)n_assets);
			if (a[j].type != ADVERTISER && a[j].type != CATALOG)
				continue;
			types |= 1 << a[j].type;
			printf("%s{\"asset_id\": \"71%017" PRIu32 "\", \"asset_type\": \"%s\"}",
			       k++ ? ", " : "", j + 1, type_names[a[j].type]);
		}
		printf("],\n     \"members\": [");
		for (int k = 0; k < 6; k++) {
			printf("%s{\"member_id\": \"69%017" PRIu32 "\", \"asset_roles\": {",
			       k ? ", " : "", grantee(n_members) + 1);
			int c = 0;
			if (types & (1 << ADVERTISER))
				printf("\"ADVERTISER\": \"%s\"", adv[below(3)]), c++;
			if (types & (1 << CATALOG))
				printf("%s\"CATALOG\": \"%s\"", c ? ", " : "",
				       permille(300) ? "ADMIN" : "AD_PROMOTE");
			printf("}}");
		}
		printf("]}%s\n", i + 1 < n ? "," : "");
	}
	printf("  ],\n");
}

/* Partners: this BC shares ad accounts and catalogs with them (sometimes
 * at ADMIN, sometimes an asset it does not own) and receives theirs. */
static void print_partners(const struct asset *a, size_t n_assets)
{
	size_t n = n_assets / 1000 > 2 ? n_assets / 1000 : 2;
	printf("  \"partners\": [\n");
	for (size_t i = 0; i < n; i++) {
		printf("    {\"bc_id\": \"73%017zu\", \"bc_name\": \"Partner %zu\", "
		       "\"x_email_domains\": [\"%s\"],\n     \"shared_assets\": [\n",
		       i + 2, i + 1, i == 0 ? AGENCY_DOMAIN : "partner.example");
		for (int k = 0; k < 6; k++) {
			const char *sep = k < 5 ? ",\n" : "\n";
			if (k == 5) {
				/* Not in this snapshot: SHARING is foreign-asset (b). */
				printf("       {\"share_type\": \"%s\", \"asset_type\": \"ADVERTISER\", "
				       "\"asset_id\": \"78%017zu\", \"advertiser_role\": \"ANALYST\"}%s",
				       i % 2 ? "SHARED" : "SHARING", i + 1, sep);
				continue;
			}
			uint32_t j = below((uint32_t)n_assets);
			for (int tries = 0;
			     tries < 40 && a[j].type != ADVERTISER && a[j].type != CATALOG; tries++)
				j = below((uint32_t)n_assets);
			if (a[j].type == CATALOG)
				printf("       {\"share_type\": \"SHARING\", \"asset_type\": \"CATALOG\", "
				       "\"asset_id\": \"71%017" PRIu32
				       "\", \"catalog_role\": \"%s\"}%s",
				       j + 1, permille(300) ? "ADMIN" : "AD_PROMOTE", sep);
			else
				printf("       {\"share_type\": \"SHARING\", \"asset_type\": \"%s\", "
				       "\"asset_id\": \"71%017" PRIu32
				       "\", \"advertiser_role\": \"%s\"}%s",
				       type_names[a[j].type], j + 1,
				       permille(300)   ? "ADMIN"
				       : permille(500) ? "OPERATOR"
				                       : "ANALYST",
				       sep);
		}
		printf("     ]}%s\n", i + 1 < n ? "," : "");
	}
	printf("  ],\n");
}

static void print_need(uint32_t member, const char *action, unsigned type, const char *asset_id,
                       int last)
{
	printf("    {\"user_id\": \"69%017" PRIu32 "\", \"action\": \"%s\"", member + 1, action);
	if (asset_id != NULL)
		printf(", \"asset_id\": \"%s\", \"asset_type\": \"%s\"", asset_id,
		       type_names[type]);
	if (permille(100))
		printf(", \"x_note\": \"ticket OPS-%" PRIu32 "\"", 1000 + below(90000));
	printf("}%s\n", last ? "" : ",");
}

static const char *pick_action(unsigned type)
{
	size_t k = 0;
	while (type_actions[type][k] != NULL)
		k++;
	return type_actions[type][below((uint32_t)k)];
}

/* Needs: most follow a grant (covered, or one step too narrow), some name
 * an asset the member lacks or one of another BC, some are BC-level or
 * finance actions, a few are creator-only. */
static void print_needs(size_t n, const struct grant *g, size_t n_grants, const struct asset *a,
                        size_t n_assets, const struct member *m, size_t n_members)
{
	char id[32];
	printf("  \"needs\": [\n");
	for (size_t i = 0; i < n; i++) {
		int last = i + 1 == n;
		unsigned r = below(100);
		uint32_t who = below((uint32_t)n_members);
		if (i < 2) {
			print_need(i == 0 ? 6 : 7, i == 0 ? "VIEW_INVOICES" : "INVITE_MEMBER", 0,
			           NULL, last);
			continue;
		}
		if (r < 55 && n_grants > 0) {
			const struct grant *gr = &g[below((uint32_t)n_grants)];
			if (gr->asset >= 0) {
				unsigned t = a[gr->asset].type;
				snprintf(id, sizeof(id), "71%017" PRId32, gr->asset + 1);
				print_need(gr->member, pick_action(t), t, id, last);
				continue;
			}
			r = 60;
		}
		if (r < 70) {
			uint32_t j = below((uint32_t)n_assets);
			snprintf(id, sizeof(id), "71%017" PRIu32, j + 1);
			print_need(who, pick_action(a[j].type), a[j].type, id, last);
		} else if (r < 72) {
			snprintf(id, sizeof(id), "77%017zu", i + 1);
			print_need(who, "VIEW_REPORTS", ADVERTISER, id, last);
		} else if (r < 85) {
			print_need(who, bc_actions[below(NELEM(bc_actions))], 0, NULL, last);
		} else if (r < 98) {
			/* Mostly people who hold a finance role. */
			for (int tries = 0; tries < 50 && (!m[who].finance || who < 10); tries++)
				who = below((uint32_t)n_members);
			if (who < 10)
				who = 10 + below((uint32_t)(n_members - 10));
			unsigned f = m[who].finance == 2 ? below(3) : below(2);
			print_need(who, finance_actions[f], 0, NULL, last);
		} else {
			print_need(who, creator_actions[below(NELEM(creator_actions))], 0, NULL,
			           last);
		}
	}
	printf("  ]\n");
}

static int count_arg(const char *s, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v > 100000000ull)
		return -1;
	*out = (size_t)v;
	return 0;
}

static void usage(FILE *to)
{
	fprintf(to, "usage: gen [--members N] [--assets N] [--grants N] [--needs N] [--seed N]\n"
	            "Write a bclint-snapshot/1 document with N members (default 400), assets\n"
	            "(400), direct grants (2000) and needs (800) to standard output.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"members", required_argument, NULL, 'm'},
	        {"assets", required_argument, NULL, 'a'},
	        {"grants", required_argument, NULL, 'g'},
	        {"needs", required_argument, NULL, 'n'},
	        {"seed", required_argument, NULL, 's'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	size_t n_members = 400, n_assets = 400, n_grants = 2000, n_needs = 800, seed = 1;
	int c;
	while ((c = getopt_long(argc, argv, "m:a:g:n:s:h", opts, NULL)) != -1) {
		size_t *dst = c == 'm'   ? &n_members
		              : c == 'a' ? &n_assets
		              : c == 'g' ? &n_grants
		              : c == 'n' ? &n_needs
		              : c == 's' ? &seed
		                         : NULL;
		if (c == 'h') {
			usage(stdout);
			return 0;
		}
		if (dst == NULL || count_arg(optarg, dst) < 0) {
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || n_members < 20 || n_assets < 1) {
		fprintf(stderr, "gen: need at least 20 members and 1 asset\n");
		usage(stderr);
		return 2;
	}
	rng = (uint64_t)seed * 0x2545f4914f6cdd1dull;

	struct member *m = calloc(n_members, sizeof(*m));
	struct asset *a = calloc(n_assets, sizeof(*a));
	struct grant *g = calloc(n_grants + 1, sizeof(*g));
	if (m == NULL || a == NULL || g == NULL) {
		fprintf(stderr, "gen: out of memory\n");
		free(m);
		free(a);
		free(g);
		return 2;
	}
	make_members(m, n_members);
	make_assets(a, n_assets);
	for (size_t i = 0; i < n_grants; i++) {
		g[i].member = grantee(n_members);
		g[i].asset = permille(5) ? -1 : (int32_t)below((uint32_t)n_assets);
	}

	static char buf[1 << 20];
	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	printf("{\n  \"schema\": \"bclint-snapshot/1\",\n  \"captured_at\": \"%s\",\n",
	       stamp(CAPTURED));
	printf("  \"bc\": {\"bc_id\": \"7300000000000000001\", \"name\": \"Acme Global\", "
	       "\"company\": \"Acme Global Inc.\", \"type\": \"NORMAL\", \"status\": \"ENABLE\",\n"
	       "         \"timezone\": \"Etc/UTC\", \"currency\": \"USD\", "
	       "\"registered_area\": \"US\", \"x_allowed_email_domains\": [\"%s\"]},\n",
	       HOME_DOMAIN);
	print_members(m, n_members);
	print_assets(a, n_assets);
	print_assignments(g, n_grants, a);
	print_groups(a, n_assets, n_members);
	print_partners(a, n_assets);
	print_needs(n_needs, g, n_grants, a, n_assets, m, n_members);
	printf("}\n");
	int bad = fflush(stdout) != 0 || ferror(stdout);
	free(m);
	free(a);
	free(g);
	if (bad) {
		perror("gen: writing the snapshot");
		return 1;
	}
	return 0;
}
