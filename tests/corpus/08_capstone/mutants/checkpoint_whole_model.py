# mistake: saves the whole model object (pickled), which torch.load(weights_only=True) refuses to read
# targets: test_checkpoint
# %% checkpoint
def save_if_best(model: nn.Module, val_loss: float, best_loss: float, path: str) -> float:
    if val_loss < best_loss:
        torch.save(model, path)
        return val_loss
    return best_loss


def load_model(path: str, model: nn.Module) -> nn.Module:
    saved = torch.load(path, weights_only=False)
    model.load_state_dict(saved.state_dict())
    model.eval()
    return model
