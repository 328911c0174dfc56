// A worker thread of the corpus commands: answers each document it is handed with its task's outcome (see worker-pool).
import { runTask } from './corpus-tasks';
import { answerEach } from './task-thread';

answerEach(runTask);
