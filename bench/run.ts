// `npm run bench`: the format benchmark, one large transaction, the command line, then the editor against its plain-DOM baseline in Chromium.
import './format';
import './transactions';
import './cli';
import './editor';
