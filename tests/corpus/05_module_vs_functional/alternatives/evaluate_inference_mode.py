# why: torch.inference_mode() also records no graph; try/finally restores the mode even if the model raises
# %% evaluate
def evaluate(model, x):
    mode = model.training
    try:
        model.train(False)
        with torch.inference_mode():
            return model(x)
    finally:
        model.train(mode)
