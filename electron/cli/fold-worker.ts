// A worker thread of `emend suspects`: trains each fold model it is handed and moves the model's weights back (see worker-pool).
import { FeatureTable } from '../../shared/suspects/features';
import { trainFold, type PackedFoldTask } from '../../shared/suspects/folds';
import { answerEach } from './task-thread';

answerEach(
  (task: PackedFoldTask) => trainFold({ ...task, features: FeatureTable.unpack(task.features) }),
  (model) => [model.emission.buffer, model.transition.buffer] as ArrayBuffer[],
);
