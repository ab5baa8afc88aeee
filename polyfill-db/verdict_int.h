/* verdict_int.h: polyfill-db's private interface between verdict.c (the
 * findings of one distribution) and depends.c (what packages depend on).
 * Nothing outside polyfill-db/ includes it. Strings live in the audit's arena. */
#ifndef PYMODE_VERDICT_INT_H
#define PYMODE_VERDICT_INT_H

#include "analysis.h"
#include "../resolver/resolver.h" /* the PEP 508 leaf: requirement names and markers */

/* p->depends from p->requires_dist: the requirements that apply on the
 * target, as pip installs them without extras; one that does not parse, or
 * whose marker cannot be evaluated, is kept when a name can be read */
void audit_set_depends(struct audit *a, struct package_report *p);
/* p->not_audited: the depends no package in byname (normalized name ->
 * index + 1) is; drops the missing-module notes named like them */
void audit_not_audited(struct audit *a, struct package_report *p, const struct strmap *byname);
/* every package's verdict becomes the worst over it and its dependencies,
 * transitively (verdict_roll_up); sets through. Needs own_verdict set on
 * every package. */
void audit_roll_up(struct audit *a);

#endif
