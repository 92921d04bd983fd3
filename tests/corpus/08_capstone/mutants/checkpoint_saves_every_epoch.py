# mistake: saves the model at every call, so the file ends up with the last epoch instead of the best one
# targets: test_checkpoint
# %% checkpoint
def save_if_best(model: nn.Module, val_loss: float, best_loss: float, path: str) -> float:
    torch.save(model.state_dict(), path)
    return min(val_loss, best_loss)


def load_model(path: str, model: nn.Module) -> nn.Module:
    where = next(model.parameters()).device
    model.load_state_dict(torch.load(path, map_location=where, weights_only=True))
    model.eval()
    return model
