# fitplan: the LUMC FIT budget model engine. `make run` and `make test` do everything on a
# fresh machine: missing Debian packages are installed by scripts/install-deps.
CC ?= cc
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wformat=2 \
       -Werror=implicit-function-declaration
BUILD ?= build
PKGS = lua5.4 gsl xlsxwriter jansson nettle zlib libzip expat
COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

# Expanded when a recipe runs, i.e. after the dependencies are installed.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lcsv -lunistring -lpthread -lm
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
             $(PKG_CFLAGS) -DFITPLAN_COMMIT='"$(COMMIT)"' -MMD -MP

SRC = $(sort $(wildcard src/*/*.c))
OBJ = $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIB = $(BUILD)/libfitplan.a
BIN = $(BUILD)/fitplan
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps run test unit golden asan bench clean
all: $(BIN)

deps: $(BUILD)/.deps
$(BUILD)/.deps: scripts/install-deps
	@mkdir -p $(BUILD)
	@scripts/install-deps --test --check >/dev/null 2>&1 || scripts/install-deps --test
	@touch $@

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(filter-out $(BUILD)/obj/main.o,$(OBJ))
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Unit tests: one cmocka program per tests/unit/test_*.c, linked with the same library as
# the tool (tests/unit/*.h are the tests' shared helpers).
$(BUILD)/tests/%: tests/unit/%.c $(LIB) | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) -Isrc -Itests/unit -o $@ $< $(LIB) \
		$(PKG_LIBS) $(shell pkg-config --libs cmocka)

# The main job on the default model: validate, consolidate, then run the base plans and
# the board's combined package into reports/<model>/<run id>/ (reports/latest points at it).
run: $(BIN)
	$(BIN) check --budgets budgets
	$(BIN) consolidate --budgets budgets
	$(BIN) run scenarios/base.lua scenarios/combined.lua --budgets budgets

test: $(BIN) $(UNIT_BIN)
	@scripts/install-deps --test --check >/dev/null 2>&1 || scripts/install-deps --test
	tests/run --build $(BUILD)

unit: $(UNIT_BIN)
	tests/run --build $(BUILD) --unit

golden: $(BIN)
	tests/run --build $(BUILD) --golden

asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	        LDFLAGS="-fsanitize=address,undefined" test

bench: $(BIN)
	scripts/bench

clean:
	rm -rf build build-asan

-include $(OBJ:.o=.d) $(UNIT_BIN:=.d)
