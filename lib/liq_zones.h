/*
 * liq_zones.h - part of the liq library's public interface, included by
 * liq.h (see there for the conventions: return codes, errors, ownership).
 */
#ifndef LIQ_ZONES_H
#define LIQ_ZONES_H

#endif
