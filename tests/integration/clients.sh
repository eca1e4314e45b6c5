#!/usr/bin/env bash
# clients: real drivers read and write every type in text and binary mode,
# call screen() and lookup(), and COPY in both formats.
#   - psycopg 3 from Debian (python3-psycopg): tests/clients/psycopg_client.py
#   - node-postgres from npm: tests/clients/node_client.js; installed into
#     results/node_modules (ignored by git, reused by later runs)
# Runs inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=regress_clients_$$
trap 'dropdb --if-exists $db >/dev/null 2>&1 || true' EXIT
createdb "$db"
psql -qX -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION precursor"
export PGDATABASE=$db
fail=0

echo "# psycopg $(/usr/bin/python3 -c 'import psycopg; print(psycopg.__version__)')"
/usr/bin/python3 tests/clients/psycopg_client.py || fail=1

if command -v npm >/dev/null && command -v node >/dev/null; then
	mkdir -p results/node
	if [ ! -d results/node/node_modules/pg ]; then
		(cd results/node && npm install --no-save --no-audit --no-fund --silent pg@8 >/dev/null 2>&1) \
			|| { echo "not ok - npm install pg failed"; exit 1; }
	fi
	echo "# node $(node --version), pg $(node -p 'require("./results/node/node_modules/pg/package.json").version')"
	NODE_PATH=$PWD/results/node/node_modules node tests/clients/node_client.js || fail=1
else
	echo "not ok - node or npm missing"; fail=1
fi
exit $fail
