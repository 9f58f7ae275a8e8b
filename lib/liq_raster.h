/*
 * liq_raster.h - part of the liq library's public interface, included by
 * liq.h (see there for the conventions: return codes, errors, ownership).
 */
#ifndef LIQ_RASTER_H
#define LIQ_RASTER_H

#endif
