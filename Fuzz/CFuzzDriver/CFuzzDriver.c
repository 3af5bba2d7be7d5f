// The declaration in include/CFuzzDriver.h is the whole module; libFuzzer's runtime defines the function.
#include "CFuzzDriver.h"
