# why: evaluates a deep copy of the model, so the caller's model, its mode and its buffers are never touched
# %% evaluate
import copy


def evaluate(model, x):
    twin = copy.deepcopy(model)
    twin.eval()
    with torch.no_grad():
        return twin(x)
