# mistake: saves when the loss equals the best one too (<= instead of <)
# targets: test_checkpoint
# %% checkpoint
def save_if_best(model: nn.Module, val_loss: float, best_loss: float, path: str) -> float:
    if val_loss <= best_loss:
        torch.save(model.state_dict(), path)
        return val_loss
    return best_loss


def load_model(path: str, model: nn.Module) -> nn.Module:
    where = next(model.parameters()).device
    model.load_state_dict(torch.load(path, map_location=where, weights_only=True))
    model.eval()
    return model
