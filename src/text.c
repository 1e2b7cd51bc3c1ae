/* text.c: STUB */
#include "config.h"
#include "text.h"
