# why: saves detached CPU clones of each tensor, returns min(), keeps strict loading
# %% checkpoint
def save_if_best(model: nn.Module, val_loss: float, best_loss: float, path: str) -> float:
    if val_loss < best_loss:
        torch.save({name: t.detach().cpu().clone() for name, t in model.state_dict().items()}, path)
    return min(val_loss, best_loss)


def load_model(path: str, model: nn.Module) -> nn.Module:
    model.load_state_dict(torch.load(path, weights_only=True), strict=True)
    model.eval()
    return model
