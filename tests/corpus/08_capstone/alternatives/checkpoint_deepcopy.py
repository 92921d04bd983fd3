# why: saves a deep copy of the state dict, loads with map_location="cpu" (load_state_dict copies across devices)
# %% checkpoint
import copy


def save_if_best(model: nn.Module, val_loss: float, best_loss: float, path: str) -> float:
    if not val_loss < best_loss:
        return best_loss
    torch.save(copy.deepcopy(model.state_dict()), path)
    return val_loss


def load_model(path: str, model: nn.Module) -> nn.Module:
    state = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(state)
    return model.train(False)
