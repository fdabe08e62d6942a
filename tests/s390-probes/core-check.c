/*
 * core-check - resolves every CO-RE relocation of a BPF object against a
 * kernel's BTF, by CO-RE's rules, whatever the object's byte order.
 *
 *   core-check OBJ.o VMLINUX.btf [MODULE.btf]
 *   core-check --field STRUCT PATH VMLINUX.btf     e.g. kvm_s390_sie_block gcr[6]
 *
 * libbpf 1.1 refuses to open an object of the other byte order (the bpfeb
 * objects for s390x, on an x86 build host), so this reads the object's .BTF
 * with btf__new (which swaps BTF of either order) and parses .BTF.ext's
 * core_relo records itself. The target is a vmlinux BTF, with an optional
 * module BTF split on it (pahole --btf_base). Each relocation is printed as
 *   struct kvm: arch.gisa_int.origin -> offset 0x108 (264)
 * and the program exits 1 if any does not resolve, naming it and why.
 *
 * The rules (as libbpf's relo_core.c applies them): a local type matches the
 * target types of the same kind whose name is equal once a "___flavour"
 * suffix is dropped; the access string's first index steps over the root
 * pointer, later ones name members (matched by name, looking inside
 * anonymous members of the target) or array elements (within bounds); the
 * last member's type must be compatible (composite with composite, pointer
 * with pointer, integer with integer, enum with enum, arrays by their
 * elements). Every candidate that matches must give the same result.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>

/* enum bpf_core_relo_kind (linux/bpf.h), spelled out: the host's header may be older */
enum {
	FIELD_BYTE_OFFSET = 0,
	FIELD_BYTE_SIZE = 1,
	FIELD_EXISTS = 2,
	TYPE_ID_LOCAL = 6,
	TYPE_ID_TARGET = 7,
	TYPE_EXISTS = 8,
	TYPE_SIZE = 9,
	ENUMVAL_EXISTS = 10,
	ENUMVAL_VALUE = 11,
	TYPE_MATCHES = 12,
};

#define MAX_ACCESS 32

struct ext {
	const uint8_t *data;
	size_t size;
	bool swap;
};

static uint32_t rd32(const struct ext *x, size_t off)
{
	uint32_t v;

	memcpy(&v, x->data + off, 4);
	return x->swap ? __builtin_bswap32(v) : v;
}

static uint16_t rd16(const struct ext *x, size_t off)
{
	uint16_t v;

	memcpy(&v, x->data + off, 2);
	return x->swap ? __builtin_bswap16(v) : v;
}

/* the section @name of the ELF file open in @e, or NULL */
static Elf_Data *section(Elf *e, const char *name)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(e, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(e, scn))) {
		const char *n;

		if (!gelf_getshdr(scn, &sh))
			return NULL;
		n = elf_strptr(e, shstrndx, sh.sh_name);
		if (n && !strcmp(n, name))
			return elf_getdata(scn, NULL);
	}
	return NULL;
}

static const struct btf_type *skip_mods(const struct btf *btf, uint32_t id, uint32_t *res)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (res)
		*res = id;
	return t;
}

/* the name without a ___flavour suffix */
static size_t essential_len(const char *name)
{
	const char *s = strstr(name, "___");

	return s ? (size_t)(s - name) : strlen(name);
}

static bool names_match(const char *a, const char *b)
{
	size_t la = essential_len(a), lb = essential_len(b);

	return la == lb && !strncmp(a, b, la);
}

static bool kinds_match(const struct btf_type *l, const struct btf_type *t)
{
	if (btf_is_composite(l) && btf_is_composite(t))
		return btf_kind(l) == btf_kind(t);
	if (btf_is_any_enum(l) && btf_is_any_enum(t))
		return true;
	return btf_kind(l) == btf_kind(t);
}

/* the compatibility of the accessed field's types (libbpf's fields_are_compat) */
static bool fields_compat(const struct btf *lb, uint32_t lid, const struct btf *tb, uint32_t tid)
{
	for (int depth = 0; depth < 32; depth++) {
		const struct btf_type *l = skip_mods(lb, lid, &lid), *t = skip_mods(tb, tid, &tid);

		if (!l || !t)
			return false;
		if (btf_is_composite(l) && btf_is_composite(t))
			return true;
		if (btf_is_any_enum(l) && btf_is_any_enum(t))
			return true;
		if (btf_kind(l) != btf_kind(t))
			return false;
		switch (btf_kind(l)) {
		case BTF_KIND_PTR:
		case BTF_KIND_FLOAT:
		case BTF_KIND_FWD:
			return true;
		case BTF_KIND_INT:
			return btf_int_offset(l) == 0 && btf_int_offset(t) == 0;
		case BTF_KIND_ARRAY:
			lid = btf_array(l)->type;
			tid = btf_array(t)->type;
			continue;
		default:
			return false;
		}
	}
	return false;
}

/*
 * member @name of composite @tid in @btf, looking into anonymous members:
 * its type and bit offset (added to *bits); false if there is none
 */
static bool find_member(const struct btf *btf, uint32_t tid, const char *name, uint32_t *type,
			uint64_t *bits)
{
	const struct btf_type *t = skip_mods(btf, tid, &tid);
	const struct btf_member *m;

	if (!t || !btf_is_composite(t))
		return false;
	m = btf_members(t);
	for (int i = 0; i < btf_vlen(t); i++, m++) {
		const char *mn = btf__name_by_offset(btf, m->name_off);
		uint64_t off = btf_member_bit_offset(t, (uint32_t)i);

		if (mn && *mn) {
			if (!strcmp(mn, name)) {
				*type = m->type;
				*bits += off;
				return true;
			}
		} else {
			uint64_t sub = 0;

			if (find_member(btf, m->type, name, type, &sub)) {
				*bits += off + sub;
				return true;
			}
		}
	}
	return false;
}

struct result {
	uint64_t value;
	char path[512];
	char why[600];
};

/*
 * one field relocation against one candidate root @troot of @tb; false with
 * res->why when the access does not exist there
 */
static bool field_match(const struct btf *lb, uint32_t lroot, const uint32_t *acc, int nacc,
			const struct btf *tb, uint32_t troot, int kind, struct result *res)
{
	uint32_t lid = lroot, tid = troot;
	uint64_t bits;
	size_t n = 0;
	int64_t sz;

	sz = btf__resolve_size(tb, troot);
	if (sz < 0)
		sz = 0;
	bits = (uint64_t)acc[0] * (uint64_t)sz * 8;
	res->path[0] = 0;
	for (int i = 1; i < nacc; i++) {
		const struct btf_type *l = skip_mods(lb, lid, &lid), *t;

		if (!l)
			return false;
		if (btf_is_composite(l)) {
			const struct btf_member *m;
			const char *name;

			if (acc[i] >= btf_vlen(l)) {
				snprintf(res->why, sizeof(res->why), "bad access index %u", acc[i]);
				return false;
			}
			m = btf_members(l) + acc[i];
			name = btf__name_by_offset(lb, m->name_off);
			lid = m->type;
			if (!name || !*name)
				continue; /* anonymous: only the named members are matched */
			n += (size_t)snprintf(res->path + n, sizeof(res->path) - n, "%s%s",
					      n ? "." : "", name);
			if (!find_member(tb, tid, name, &tid, &bits)) {
				snprintf(res->why, sizeof(res->why),
					 "no member '%s' in the kernel's type", name);
				return false;
			}
		} else if (btf_is_array(l)) {
			const struct btf_array *ta;

			t = skip_mods(tb, tid, &tid);
			if (!t || !btf_is_array(t)) {
				snprintf(res->why, sizeof(res->why), "not an array in the kernel");
				return false;
			}
			ta = btf_array(t);
			n += (size_t)snprintf(res->path + n, sizeof(res->path) - n, "[%u]", acc[i]);
			if (ta->nelems && acc[i] >= ta->nelems) {
				snprintf(res->why, sizeof(res->why),
					 "index %u past the kernel's %u", acc[i], ta->nelems);
				return false;
			}
			lid = btf_array(l)->type;
			tid = ta->type;
			sz = btf__resolve_size(tb, tid);
			bits += (uint64_t)acc[i] * (uint64_t)(sz < 0 ? 0 : sz) * 8;
		} else {
			snprintf(res->why, sizeof(res->why), "access into a non-composite");
			return false;
		}
	}
	if (!fields_compat(lb, lid, tb, tid)) {
		snprintf(res->why, sizeof(res->why), "the kernel's field has an incompatible type");
		return false;
	}
	switch (kind) {
	case FIELD_BYTE_OFFSET:
		res->value = bits / 8;
		break;
	case FIELD_BYTE_SIZE:
		sz = btf__resolve_size(tb, tid);
		res->value = sz < 0 ? 0 : (uint64_t)sz;
		break;
	case FIELD_EXISTS:
		res->value = 1;
		break;
	default:
		snprintf(res->why, sizeof(res->why), "relocation kind %d not checked here", kind);
		return false;
	}
	return true;
}

struct target {
	const struct btf *btf[2];
	int n;
};

static const char *kind_str(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
		return "struct";
	case BTF_KIND_UNION:
		return "union";
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return "enum";
	case BTF_KIND_TYPEDEF:
		return "typedef";
	default:
		return "type";
	}
}

/* one relocation: 0 if it resolves (printed), 1 if not (printed, with why) */
static int check_relo(const struct btf *lb, const struct target *tg, uint32_t type_id,
		      const char *spec, int kind)
{
	const struct btf_type *lt = btf__type_by_id(lb, type_id);
	const char *lname = lt ? btf__name_by_offset(lb, lt->name_off) : NULL;
	uint32_t acc[MAX_ACCESS];
	int nacc = 0, found = 0, bad = 0;
	struct result res = { 0 }, first = { 0 };
	const char *p = spec;
	char why[600] = "no type of that name and kind in the kernel";

	if (!lt || !lname || !*lname) {
		printf("UNRESOLVED type #%u (%s): the local type has no name\n", type_id, spec);
		return 1;
	}
	while (*p && nacc < MAX_ACCESS) {
		acc[nacc++] = (uint32_t)strtoul(p, (char **)&p, 10);
		if (*p == ':')
			p++;
	}
	for (int b = 0; b < tg->n; b++) {
		const struct btf *tb = tg->btf[b];
		uint32_t start = b ? btf__type_cnt(tg->btf[0]) : 1;

		for (uint32_t id = start; id < btf__type_cnt(tb); id++) {
			const struct btf_type *t = btf__type_by_id(tb, id);
			const char *tn = btf__name_by_offset(tb, t->name_off);

			if (!tn || !*tn || !kinds_match(lt, t) || !names_match(lname, tn))
				continue;
			if (kind == TYPE_EXISTS || kind == TYPE_ID_TARGET || kind == TYPE_SIZE ||
			    kind == TYPE_MATCHES) {
				int64_t sz = btf__resolve_size(tb, id);

				res.value = kind == TYPE_SIZE ? (uint64_t)(sz < 0 ? 0 : sz) : 1;
				snprintf(res.path, sizeof(res.path), "(type)");
			} else if (kind == ENUMVAL_EXISTS || kind == ENUMVAL_VALUE) {
				const char *en = NULL;
				bool hit = false;

				if (btf_is_enum(lt) && acc[0] < btf_vlen(lt))
					en = btf__name_by_offset(lb, btf_enum(lt)[acc[0]].name_off);
				for (int k = 0; en && btf_is_enum(t) && k < btf_vlen(t); k++)
					if (names_match(en, btf__name_by_offset(
								    tb, btf_enum(t)[k].name_off))) {
						res.value =
							kind == ENUMVAL_VALUE ?
								(uint64_t)(int64_t)btf_enum(t)[k]
									.val :
								1;
						hit = true;
					}
				snprintf(res.path, sizeof(res.path), "%s", en ? en : "?");
				if (!hit) {
					snprintf(why, sizeof(why), "no enumerator %s",
						 en ? en : "?");
					continue;
				}
			} else if (!field_match(lb, type_id, acc, nacc, tb, id, kind, &res)) {
				snprintf(why, sizeof(why), "%s", res.why);
				continue;
			}
			if (found++ && res.value != first.value)
				bad = 1;
			if (found == 1)
				first = res;
		}
	}
	if (!found) {
		/* the path as far as the local type gives it, for the message */
		printf("UNRESOLVED %s %s: %s (access %s): %s\n", kind_str(lt), lname,
		       res.path[0] ? res.path : "-", spec, why);
		return 1;
	}
	if (bad) {
		printf("UNRESOLVED %s %s: %s: %d candidates disagree\n", kind_str(lt), lname,
		       first.path, found);
		return 1;
	}
	switch (kind) {
	case FIELD_BYTE_OFFSET:
		printf("%s %.*s: %s -> offset 0x%llx (%llu)\n", kind_str(lt),
		       (int)essential_len(lname), lname, first.path[0] ? first.path : "(itself)",
		       (unsigned long long)first.value, (unsigned long long)first.value);
		break;
	default:
		printf("%s %.*s: %s -> kind %d value %llu\n", kind_str(lt),
		       (int)essential_len(lname), lname, first.path, kind,
		       (unsigned long long)first.value);
	}
	return 0;
}

static int check_object(const char *path, const struct target *tg)
{
	int fd = open(path, O_RDONLY), bad = 0, total = 0;
	struct ext x = { 0 };
	uint32_t hdr_len, relo_off, relo_len, rec_size;
	struct btf *lb = NULL;
	Elf_Data *d_btf, *d_ext;
	size_t off, end;
	Elf *e;

	if (fd < 0) {
		fprintf(stderr, "core-check: %s: %s\n", path, strerror(errno));
		return 2;
	}
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	d_btf = e ? section(e, ".BTF") : NULL;
	d_ext = e ? section(e, ".BTF.ext") : NULL;
	if (!d_btf || !d_ext) {
		fprintf(stderr, "core-check: %s: no .BTF or .BTF.ext section\n", path);
		return 2;
	}
	lb = btf__new(d_btf->d_buf, d_btf->d_size);
	if (!lb) {
		fprintf(stderr, "core-check: %s: .BTF does not parse: %s\n", path, strerror(errno));
		return 2;
	}
	x.data = d_ext->d_buf;
	x.size = d_ext->d_size;
	if (x.size < 32) {
		fprintf(stderr, "core-check: %s: .BTF.ext too short for core_relo\n", path);
		return 2;
	}
	x.swap = rd16(&x, 0) != 0xeB9F;
	if (rd16(&x, 0) != 0xeB9F) {
		fprintf(stderr, "core-check: %s: .BTF.ext: bad magic\n", path);
		return 2;
	}
	hdr_len = rd32(&x, 4);
	if (hdr_len < 32 || hdr_len > x.size) {
		fprintf(stderr, "core-check: %s: .BTF.ext has no core_relo part\n", path);
		return 2;
	}
	relo_off = rd32(&x, 24);
	relo_len = rd32(&x, 28);
	off = hdr_len + relo_off;
	end = off + relo_len;
	if (end > x.size || relo_len < 4) {
		fprintf(stderr, "core-check: %s: .BTF.ext: core_relo out of bounds\n", path);
		return 2;
	}
	rec_size = rd32(&x, off);
	off += 4;
	while (off + 8 <= end) {
		const char *sec = btf__name_by_offset(lb, rd32(&x, off));
		uint32_t n = rd32(&x, off + 4);

		off += 8;
		printf("# %s: %u relocations\n", sec ? sec : "?", n);
		for (uint32_t i = 0; i < n && off + rec_size <= end; i++, off += rec_size) {
			uint32_t type_id = rd32(&x, off + 4);
			const char *spec = btf__name_by_offset(lb, rd32(&x, off + 8));

			total++;
			bad += check_relo(lb, tg, type_id, spec ? spec : "",
					  (int)rd32(&x, off + 12));
		}
	}
	printf("%s: %d relocations, %d unresolved\n", path, total, bad);
	btf__free(lb);
	elf_end(e);
	close(fd);
	return bad || !total ? 1 : 0;
}

/*
 * --field: the offset of PATH (members and [index]) in struct STRUCT of the
 * kernel, to cross-check the BTF against the reference's numbers
 */
static int field_offset(const struct btf *btf, const char *sname, const char *path)
{
	int32_t id = btf__find_by_name_kind(btf, sname, BTF_KIND_STRUCT);
	uint32_t tid = (uint32_t)id;
	uint64_t bits = 0;
	char name[128];
	const char *p = path;

	if (id < 0) {
		printf("UNRESOLVED struct %s: not in the kernel\n", sname);
		return 1;
	}
	while (*p) {
		size_t n = strcspn(p, ".[");

		if (n) {
			snprintf(name, sizeof(name), "%.*s", (int)n, p);
			if (!find_member(btf, tid, name, &tid, &bits)) {
				printf("UNRESOLVED struct %s: %s: no member %s\n", sname, path,
				       name);
				return 1;
			}
			p += n;
		} else if (*p == '[') {
			const struct btf_type *t = skip_mods(btf, tid, &tid);
			unsigned long i = strtoul(p + 1, (char **)&p, 10);
			int64_t sz;

			if (!t || !btf_is_array(t) || *p != ']') {
				printf("UNRESOLVED struct %s: %s: not an array\n", sname, path);
				return 1;
			}
			tid = btf_array(t)->type;
			sz = btf__resolve_size(btf, tid);
			bits += i * (uint64_t)(sz < 0 ? 0 : sz) * 8;
			p++;
		} else {
			p++; /* '.' */
		}
	}
	printf("struct %s: %s -> offset 0x%llx (%llu)\n", sname, path,
	       (unsigned long long)(bits / 8), (unsigned long long)(bits / 8));
	return 0;
}

int main(int argc, char **argv)
{
	struct btf *base, *mod = NULL;
	struct target tg = { 0 };
	int rc;

	if (argc == 5 && !strcmp(argv[1], "--field")) {
		base = btf__parse(argv[4], NULL);
		if (!base) {
			fprintf(stderr, "core-check: %s: %s\n", argv[4], strerror(errno));
			return 2;
		}
		rc = field_offset(base, argv[2], argv[3]);
		btf__free(base);
		return rc;
	}
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: core-check OBJ.o VMLINUX.btf [MODULE.btf]\n"
				"       core-check --field STRUCT PATH VMLINUX.btf\n");
		return 2;
	}
	base = btf__parse(argv[2], NULL);
	if (!base) {
		fprintf(stderr, "core-check: %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	tg.btf[tg.n++] = base;
	if (argc == 4) {
		mod = btf__parse_split(argv[3], base);
		if (!mod) {
			fprintf(stderr, "core-check: %s: %s\n", argv[3], strerror(errno));
			return 2;
		}
		tg.btf[tg.n++] = mod;
	}
	rc = check_object(argv[1], &tg);
	btf__free(mod);
	btf__free(base);
	return rc;
}
