# mistake: load_model loads the weights but leaves the model in train mode, with Dropout active
# targets: test_checkpoint
# %% checkpoint
def save_if_best(model: nn.Module, val_loss: float, best_loss: float, path: str) -> float:
    if val_loss < best_loss:
        torch.save(model.state_dict(), path)
        return val_loss
    return best_loss


def load_model(path: str, model: nn.Module) -> nn.Module:
    model.load_state_dict(torch.load(path, weights_only=True))
    return model
