// Types for what Vite lets the renderer import (CSS side-effect imports).
/// <reference types="vite/client" />
