// `npm run bench`: the format benchmark, one large transaction, the command line, the editor against its plain-DOM baseline in Chromium, then the suspect ranking (and editing while the app ranks) and agreement.
import './format';
import './transactions';
import './long-lines';
import './cli';
import './editor';
import './suspects';
import './suspects-editing';
import './agreement';
