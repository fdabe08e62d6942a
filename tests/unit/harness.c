/*
 * harness.c - the hand-driven environment of the unit tests (harness.h)
 *
 * One static instance: h_create resets it, so that a case that fails half-way
 * leaks nothing and the next case starts clean.
 */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

static struct harness the_harness;

static struct harness *h_of(struct gib_host *host)
{
	return host->priv;
}

static struct h_vm *h_vm_of(struct gib_vm *kvm)
{
	return container_of(kvm, struct h_vm, kvm);
}

static void h_op_kicker_start(struct gib_vm *kvm, u64 delay_ns)
{
	struct h_vm *v = h_vm_of(kvm);

	v->kicker_armed = true;
	v->kicker_delay = delay_ns;
	v->kicker_starts++;
}

static void h_op_kicker_cancel(struct gib_vm *kvm)
{
	struct h_vm *v = h_vm_of(kvm);

	v->kicker_armed = false;
	v->kicker_cancels++;
}

static bool h_op_kicker_active(struct gib_vm *kvm)
{
	struct h_vm *v = h_vm_of(kvm);

	return v->kicker_armed || v->kicker_running;
}

static void h_op_vcpu_wake_up(struct gib_vcpu *vcpu)
{
	h_vm_of(vcpu->kvm)->wakes[vcpu->vcpu_idx]++;
}

static void h_op_raise_gal(struct gib_host *host)
{
	struct harness *h = h_of(host);

	h->gal_pending = true;
	h->gal_raised++;
}

static void h_op_sie_delivered(struct gib_vcpu *vcpu, u32 isc)
{
	h_vm_of(vcpu->kvm)->sie_delivered[vcpu->vcpu_idx][isc]++;
}

static void h_op_event(struct gib_host *host, const struct gib_event *ev)
{
	struct harness *h = h_of(host);

	if (ev->type < GIB_EV_MAX)
		h->count[ev->type]++;
	if (h->nr_events < H_MAX_EVENTS)
		h->log[h->nr_events++] = *ev;
	else
		h->lost_events++;
	if (h->hook && !h->in_hook) {
		h->in_hook = true;
		h->hook(h, ev);
		h->in_hook = false;
	}
}

struct gib_params h_upstream_params(void)
{
	const struct gib_policy *policy = gib_policy_find("upstream");

	if (!policy) {
		fprintf(stderr, "harness: no policy 'upstream'\n");
		abort();
	}
	return policy->defaults;
}

struct harness *h_create_with(int nr_vms, int nr_vcpus, const struct gib_policy *policy,
			      const struct gib_params *params)
{
	struct harness *h = &the_harness;
	struct h_vm *v;
	int i, j;

	if (nr_vms > H_MAX_VMS || nr_vcpus > H_MAX_VCPUS || !policy) {
		fprintf(stderr, "harness: bad configuration\n");
		abort();
	}
	memset(h, 0, sizeof(*h));
	h->ops = (struct gib_host_ops){
		.kicker_start = h_op_kicker_start,
		.kicker_cancel = h_op_kicker_cancel,
		.kicker_active = h_op_kicker_active,
		.vcpu_wake_up = h_op_vcpu_wake_up,
		.raise_gal = h_op_raise_gal,
		.sie_delivered = h_op_sie_delivered,
		.event = h_op_event,
	};
	gib_host_init(&h->host, &h->ops, H_NISC);
	h->host.priv = h;
	h->nr_vms = nr_vms;
	h->nr_vcpus = nr_vcpus;
	for (i = 0; i < nr_vms; i++) {
		v = &h->vm[i];
		v->kvm.id = (u16)i;
		if (gib_vm_init(&h->host, &v->kvm, &v->page, policy, params)) {
			fprintf(stderr, "harness: gib_vm_init of VM %d failed\n", i);
			abort();
		}
		for (j = 0; j < nr_vcpus; j++)
			gib_vcpu_init(&v->kvm, &v->vcpu[j], (u16)j);
	}
	return h;
}

struct harness *h_create(int nr_vms, int nr_vcpus)
{
	struct gib_params params = h_upstream_params();

	return h_create_with(nr_vms, nr_vcpus, gib_policy_find("upstream"), &params);
}

u64 h_word(struct harness *h, int vm)
{
	return __atomic_load_n(&h_gisa(h, vm)->word[0], __ATOMIC_SEQ_CST);
}

void h_set_word(struct harness *h, int vm, u64 word)
{
	__atomic_store_n(&h_gisa(h, vm)->word[0], word, __ATOMIC_SEQ_CST);
}

u8 h_iam(struct harness *h, int vm)
{
	return gisa_word_iam(h_word(h, vm));
}

u8 h_ipm(struct harness *h, int vm)
{
	return gisa_word_ipm(h_word(h, vm));
}

u32 h_next_alert(struct harness *h, int vm)
{
	return gisa_word_next_alert(h_word(h, vm));
}

u32 h_origin(struct harness *h)
{
	return __atomic_load_n(&h->host.gib.alert_list_origin, __ATOMIC_SEQ_CST);
}

bool h_idle(struct harness *h, int vm, int idx)
{
	return test_bit(idx, h_kvm(h, vm)->idle_mask);
}

bool h_kicked(struct harness *h, int vm, int idx)
{
	return test_bit(idx, h_kvm(h, vm)->gisa_int.kicked_mask);
}

bool h_on_alert_list(struct harness *h, u32 phys)
{
	u32 origin = h_origin(h);
	struct gib_vm *kvm;
	int steps;

	for (steps = 0; steps <= H_MAX_VMS && (origin & GISA_ADDR_MASK); steps++) {
		if (origin == phys)
			return true;
		kvm = gib_vm_from_gisa_phys(&h->host, origin);
		if (!kvm)
			return false;
		origin = gisa_word_next_alert(gisa_word0(&kvm->sie_page2->gisa));
	}
	return false;
}

bool h_run_gal(struct harness *h)
{
	if (!h->gal_pending)
		return false;
	h->gal_pending = false;
	gib_alert_irq_handler(&h->host);
	return true;
}

u64 h_fire_kicker(struct harness *h, int vm)
{
	struct h_vm *v = &h->vm[vm];
	u64 next;

	if (!v->kicker_armed) {
		fprintf(stderr, "harness: VM %d's kicker fired while not armed\n", vm);
		abort();
	}
	v->kicker_armed = false;
	v->kicker_running = true;
	v->kicker_fired++;
	next = gisa_vcpu_kicker(&v->kvm);
	v->kicker_running = false;
	if (next) {
		/* hrtimer_forward_now + HRTIMER_RESTART: not a new start */
		v->kicker_armed = true;
		v->kicker_delay = next;
	}
	return next;
}

void h_arm_kicker(struct harness *h, int vm, u64 delay)
{
	h->ops.kicker_start(h_kvm(h, vm), delay);
}

void h_enter_sie(struct gib_vcpu *vcpu)
{
	gib_vcpu_enter_sie(vcpu);
}

enum gib_wait_kind h_wait(struct gib_vcpu *vcpu, u8 gcr6, bool psw_io, bool psw_ext)
{
	gib_vcpu_set_masks(vcpu, gcr6, psw_io, psw_ext);
	gib_vcpu_exit_sie(vcpu, GIB_EXIT_WAIT);
	return kvm_s390_handle_wait(vcpu);
}

void h_wake(struct gib_vcpu *vcpu, bool slept)
{
	kvm_s390_handle_wait_done(vcpu, slept);
	gib_vcpu_enter_sie(vcpu);
}

unsigned int h_count(struct harness *h, u16 type)
{
	return type < GIB_EV_MAX ? h->count[type] : 0;
}

const struct gib_event *h_nth(struct harness *h, u16 type, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < h->nr_events; i++)
		if (h->log[i].type == type && n-- == 0)
			return &h->log[i];
	return NULL;
}

const struct gib_event *h_last(struct harness *h, u16 type)
{
	unsigned int i;

	for (i = h->nr_events; i-- > 0;)
		if (h->log[i].type == type)
			return &h->log[i];
	return NULL;
}

void h_log_reset(struct harness *h)
{
	h->nr_events = 0;
	h->lost_events = 0;
	memset(h->count, 0, sizeof(h->count));
}

void h_set_hook(struct harness *h, h_hook_fn hook, long arg)
{
	h->hook = hook;
	h->hook_arg = arg;
	h->hook_calls = 0;
}
