/* A replay against a recording: validate.h. */
#include "validate.h"

#include "hist.h"

static const enum gt_metric fid_counters[RP_FID_NR - RP_FID_LATENCIES] = {
	GT_M_GAL_IRQS, GT_M_GAL_PASSES, GT_M_KICKER_TICKS, GT_M_KICKS,	  GT_M_WAKEUPS,
	GT_M_SPURIOUS, GT_M_RESTORES,	GT_M_ALERTS,	   GT_M_DELIVERED
};

double rp_rel_err(double replay, double rec)
{
	double d = replay - rec;

	if (d < 0)
		d = -d;
	return rec > 0 ? d / rec : (d > 0 ? 1.0 : 0.0);
}

void rp_validate(const struct gt_metrics *replay, const struct gt_metrics *rec, double tol,
		 struct rp_fidelity *f)
{
	f->off = 0;
	f->worst = RP_FID_LATENCIES;
	for (int i = 0; i < RP_FID_NR; i++) {
		if (i < RP_FID_LATENCIES) {
			double p = i ? 0.99 : 0.5;

			f->name[i] = i ? "p99" : "p50";
			f->rec[i] = (double)gt_hist__quantile(&rec->lat, p);
			f->replay[i] = (double)gt_hist__quantile(&replay->lat, p);
		} else {
			enum gt_metric k = fid_counters[i - RP_FID_LATENCIES];

			f->name[i] = gt_metric_names[k];
			f->rec[i] = (double)rec->n[k];
			f->replay[i] = (double)replay->n[k];
		}
		f->err[i] = rp_rel_err(f->replay[i], f->rec[i]);
		f->off += f->err[i] > tol;
		if (i >= RP_FID_LATENCIES && f->err[i] > f->err[f->worst])
			f->worst = i;
	}
}
